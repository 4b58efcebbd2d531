/**
 * The configuration schema: every key, its default and what fixes a bad value.
 * Parsed once at start (load-config.ts), then frozen and passed to the composition root.
 */
import { isIP } from 'node:net';
import { z } from 'zod';

const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])]).transform((v) =>
  typeof v === 'boolean' ? v : ['true', '1', 'yes'].includes(v),
);
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const num = (min: number, max: number) => z.coerce.number().min(min).max(max);

/** An address or CIDR, IPv4 or IPv6 ("10.0.0.0/8", "fd00::/8", "127.0.0.1"), parsed; null when it is neither. */
export function parseCidr(entry: string): { net: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [net = '', prefixText, ...rest] = entry.split('/');
  const family = isIP(net);
  const max = family === 6 ? 128 : 32;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (rest.length > 0 || family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > max) return null;
  return { net, prefix, family: family === 6 ? 'ipv6' : 'ipv4' };
}

export const configSchema = z.object({
  dataDir: z.string().min(1).default('./data'),
  logDir: z.string().min(1).default('./logs'),
  namespace: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ or -').default('default'),
  topK: int(1, 100).default(6),
  maxFileSizeMb: num(0.001, 1024).default(10),
  nodeEnv: z.enum(['development', 'production', 'test']).default('development'),
  server: z.object({
    /** Loopback by default (issue 14): a non-loopback host with auth off needs allowInsecureBind. */
    host: z.string().default('127.0.0.1'),
    /** Start on a non-loopback host without login (containers, where the published port decides exposure). */
    allowInsecureBind: bool.default(false),
    port: int(0, 65535).default(7860),
    metricsPort: int(0, 65535).default(8000),
    /** Set when behind TLS so cookies get `Secure`. */
    trustProxy: bool.default(false),
    corsOrigins: z.array(z.string()).default([]),
    bodyLimitMb: num(0.01, 1024).default(12),
    /** Whole request (headers + body) must arrive within this; long enough for a bodyLimitMb upload on a slow link. */
    requestTimeoutMs: int(100, 86_400_000).default(300_000),
    headersTimeoutMs: int(100, 86_400_000).default(20_000),
    /** A connection with no bytes either way for this long is closed; SSE streams send a heartbeat more often. */
    idleTimeoutMs: int(100, 86_400_000).default(30_000),
    keepAliveTimeoutMs: int(100, 86_400_000).default(72_000),
  }).prefault({}),
  auth: z.object({
    enabled: bool.default(false),
    user: z.string().default('admin'),
    pass: z.string().default(''),
    sessionTtlHours: num(0.01, 24 * 365).default(24),
    publicRoutes: z.array(z.string()).default(['/health', '/ready', '/metrics']),
  }).prefault({}),
  embedder: z.object({
    /** auto: bge-small when available (local folder, cache or download), else BM25-only (decision 0024). */
    provider: z.enum(['auto', 'hash', 'transformers', 'openai']).default('auto'),
    model: z.string().default('BAAI/bge-small-en-v1.5'),
    /** Where EMBEDDER=auto downloads the model from (the hub's `<url>/<model>/resolve/<revision>/<file>` layout). */
    hubUrl: z.string().url().default('https://huggingface.co'),
    modelPath: z.string().optional(),
    dtype: z.enum(['q8', 'fp32']).default('q8'),
    baseUrl: z.string().url().optional(),
    apiKey: z.string().optional(),
    /** Vector size: hash default 1024 (docs/decisions/0002), transformers read from the model, openai required. */
    dimensions: int(8, 8192).optional(),
    batchSize: int(1, 2048).default(64),
  }).prefault({}),
  llm: z.object({
    provider: z.enum(['none', 'openrouter', 'openai']).default('none'),
    model: z.string().default('openrouter/auto'),
    apiKey: z.string().optional(),
    baseUrl: z.string().url().optional(),
    referer: z.string().optional(),
    title: z.string().default('Propo'),
    timeoutMs: int(100, 600_000).default(60_000),
    firstTokenTimeoutMs: int(100, 600_000).default(30_000),
    maxRetries: int(0, 10).default(3),
    temperature: num(0, 2).default(0.1),
    maxTokens: int(16, 32_000).default(800),
    /** A sentence of an LLM answer without a verified citation: kept and marked unsupported, or dropped (issue 12.6). */
    unsupportedSentences: z.enum(['mark', 'drop']).default('mark'),
  }).prefault({}),
  propositionizer: z.enum(['auto', 'rule', 'llm']).default('auto'),
  vectorStore: z.object({
    provider: z.enum(['sqlite', 'lancedb', 'pinecone']).default('sqlite'),
    pinecone: z.object({
      apiKey: z.string().optional(),
      index: z.string().default('propo'),
      cloud: z.string().default('aws'),
      region: z.string().default('us-east-1'),
      controllerHost: z.string().url().optional(),
    }).prefault({}),
  }).prefault({}),
  retrieval: z.object({
    /** auto: weighted (fitted) with the hash embedder, RRF (k = rrfK, from the literature, unmeasured here) with a semantic one. */
    fusion: z.enum(['auto', 'rrf', 'weighted']).default('auto'),
    // docs/evaluation.md: with the lexical hash embedder less dense weight ranks better (SciFact 0.641 vs 0.631 at 0.3/0.7, shared-table layout).
    denseWeight: num(0, 1).default(0.1),
    bm25Weight: num(0, 1).default(0.9),
    rrfK: int(1, 1000).default(60),
    candidates: int(1, 1000).default(100),
    /** Confidence below which the answer is "No strong match found." (docs/evaluation.md: keeps ~98% of answerable queries). */
    threshold: num(0, 1).default(0.2),
    /**
     * The evidence test (decision 0045): IDF-weighted share of the question's terms the best of the
     * first `hits` cited paragraphs must hold; 0 = off. Default fitted 2-fold (docs/evaluation.md).
     */
    evidence: z.object({
      threshold: num(0, 1).default(0.325),
      hits: int(1, 20).default(3),
      /** Also refuse when the question's rarest term is not in the best evidence. */
      rarest: bool.default(false),
      /** Also refuse when the question names something ("GPT-4") the library never writes. */
      names: bool.default(true),
      /**
       * Also refuse when a name of the question ("Australia", "418") that at most this share of the library's
       * paragraphs holds is in none of the cited paragraphs; -1 = off, 0 = names the library never has (decision 0085).
       */
      rareNames: num(-1, 1).default(0.0002),
      /** Also refuse a question of these answer types whose cited sentences offer none (how many → number, when → date; decision 0085). */
      answerType: z.array(z.enum(['number', 'date'])).default([]),
    }).prefault({}),
    unit: z.enum(['proposition', 'paragraph']).default('proposition'),
    /** With unit proposition: rank by paragraph (then cite its best proposition) or by proposition alone. */
    rankBy: z.enum(['paragraph', 'proposition']).default('paragraph'),
    /** With rankBy paragraph: how many of a ranked paragraph's propositions are cited (best first); docs/evaluation.md: 2 raises span overlap@6 +0.12–0.13. */
    citesPerParagraph: int(1, 20).default(2),
    /** With rankBy paragraph: weight of the document title's score added to each of its paragraphs (decision 0018). */
    titleWeight: num(0, 10).default(0),
    /** With rankBy paragraph: weight of a paragraph's best proposition score added to its own (decision 0018). */
    propositionWeight: num(0, 10).default(0),
    /** With rankBy paragraph: RM3-style pseudo-relevance feedback (decision 0019); weight 0 = off (no second search). */
    /** With rankBy paragraph: core BM25F re-scoring of the candidate paragraphs with their document title (decision 0018); weight 0 = off, 1 = BM25F alone. */
    // Fitted 2-fold on SciFact (bench/fit-ranking.ts): fold 1 → 0.9/0.75/2, fold 2 → 1.2/0.75/3; both win held out.
    lexical: z.object({
      weight: num(0, 1).default(1),
      k1: num(0, 10).default(0.9),
      b: num(0, 1).default(0.75),
      titleWeight: num(0, 10).default(2),
      /** Share of the whole document's BM25F (title + all paragraphs as one unit) in the lexical score (decision 0050). */
      documentWeight: num(0, 1).default(0),
      /** BM25+ lower bound δ per matched term (decision 0050); 0 = plain BM25. */
      delta: num(0, 5).default(0),
      /** Weight of the term-proximity bonus (consecutive query terms close together; decision 0051); 0 = off. */
      proximityWeight: num(0, 5).default(0),
      /** Weight of the paragraph's section heading as a third BM25F field (decision 0120); 0 = off. */
      // Real-questions gold-paragraph MRR 2-fold held out 0.452 / 0.553 → 0.503 / 0.576, but end to end with the
      // merged defaults the cited spans lose (top-3 0.583 → 0.560), so it stays off (decision 0120 amendment).
      headingWeight: num(0, 10).default(0),
      /** Paragraphs of a candidate section heading's section added to the candidates (decision 0120); 0 = none. */
      sectionCandidates: int(0, 100).default(0),
      /** Leave question words (how, many, does, …) out of the re-scorer's query terms (decision 0121). */
      dropQuestionWords: z.boolean().default(false),
      /** Per-field length normalisation: b of the title and heading fields (decision 0122); absent = one joint length. */
      titleB: num(0, 1).optional(),
      /** Weight of the exact-form (unstemmed) word bonus (decision 0122); 0 = off. */
      exactWeight: num(0, 5).default(0),
      /**
       * Words that mix letters and digits ("GATA3", "FoxO3a", "CD8") in the re-scorer's terms (decision 0154): whole = one term
       * (before), letters = also its letter runs of two or more letters ("gata3" → gata3, gata; "p53" → p53), which match
       * like the word but add nothing to the paragraph's length. Process-wide (set when the query side is built).
       */
      mixedWords: z.enum(['whole', 'letters']).default('letters'),
    }).prefault({}),
    feedback: z.object({
      weight: num(0, 1).default(0),
      documents: int(1, 100).default(5),
      terms: int(1, 100).default(10),
    }).prefault({}),
    /** With rankBy paragraph: which proposition of a paragraph is cited first (docs/decisions/0015-answer-sentence-selection.md). */
    answerSelector: z.enum(['search', 'features']).default('search'),
    /** With rankBy paragraph: the first `window` cited paragraphs re-ordered by RRF of paragraph rank and best-sentence rank (decision 0040); weight 0 = off. */
    sentenceOrder: z.object({
      weight: num(0, 10).default(0),
      window: int(1, 100).default(6),
    }).prefault({}),
    /** With rankBy paragraph: the first `count` citations chosen across the first `window` ranked paragraphs by answer score minus `paragraphWeight`·ln(1 + paragraph rank) + `documentWeight`·ln(1 + document rank) (decisions 0080, 0125); window 0 = off. */
    // Window 16, weights 1 + 1 (decision 0125): fitted on half 1 of the real questions, won on half 2; neutral on XQuAD fold 2/2.
    // With one paragraph per document this is decision 0080's 2·ln(1 + rank) (chosen on the fit halves of XQuAD and SciFact).
    citeAcross: z.object({
      window: int(0, 100).default(16),
      count: int(1, 20).default(3),
      paragraphWeight: num(0, 100).default(1),
      /** Penalty per ln(1 + rank of the paragraph's document among the window's documents) (decision 0125; 0 = off). */
      documentWeight: num(0, 100).default(1),
      /** Penalty per ln(top paragraph score / paragraph score) on the answer score (decision 0152; 0 = off). */
      scoreWeight: num(0, 100).default(0),
      /** A definition question's first mention in each of the first N documents joins the scored paragraphs (first-mention.ts, decision 0153; 0 = off). */
      // 1 (decision 0153): real questions first / top-3 +1 / −0 on fold 1, ±0 on fold 2 (1, 2 and 3 alike); XQuAD and SciFact both folds identical.
      firstMention: int(0, 10).default(1),
      score: z.enum(['features', 'bm25']).default('features'),
      skipDebris: bool.default(false),
      /** Extractive answers quote the `count` citations chosen across paragraphs whatever their share of the question's terms (decision 0124). */
      quoteChosen: bool.default(false),
      /** Extractive answers cite a chosen list item before the other items of its list (decision 0146); list questions keep the list order. */
      // On (decision 0146): real questions first citation +1 / −0 on each fold (no fitted parameter), top-3 and refusals unchanged; XQuAD fold 2/2 identical.
      itemFirst: bool.default(true),
      /** Among the `count` citations chosen across paragraphs, one that defines a definition question's subject (the `defines` answer feature) is cited first (decision 0146). */
      // Off (decision 0146): real questions first citation fold 1 ±0, fold 2 +2 / −0 — not a win on both folds.
      definitionFirst: bool.default(false),
    }).prefault({}),
    /**
     * Terms a sentence carries without repeating them, counted at a discount when answer sentences are matched to the
     * question (decision 0133): `heading` for a section's first sentence (its heading's terms), `anaphora` for a
     * sentence opening with a pronoun or demonstrative (the previous sentence's terms). 0 = off.
     */
    // heading 1 (decision 0133): chosen on half 1 of the real questions among 0.25 / 0.5 / 1, won on half 2; XQuAD and SciFact fold 2/2 identical.
    // anaphora 0: fitted 0.5 on XQuAD fold 1/2, lost on the real questions (half 2 −1) and SciFact fold 2/2 (top-3 −0.015).
    // document 1 (decision 0143): every sentence of a long document counts its document's subject stems (document-subject.ts);
    // fitted 2-fold on the real questions (weight 0.5 / 0.75 / 1 × share), held-out top-3 +1 / −0 and +3 / −1, first citation −1 net per fold.
    answerContext: z.object({
      heading: num(0, 1).default(1),
      anaphora: num(0, 1).default(0),
      document: num(0, 1).default(1),
    }).prefault({}),
    /**
     * With citeAcross score `features`: the anaphoric sentence after each paragraph's best-matching sentence takes `weight` × that
     * sentence's question-match features (anaphoric-continuation.ts, decision 0150); 0 = off.
     */
    /** How answer scorers read a question's expected answer type: `any` (the first form in a fixed order) or `lead` (the form the question opens with; leading-answer-type.ts, decision 0151). */
    answerTyping: z.enum(['any', 'lead']).default('any'),
    answerContinuation: z.object({
      weight: num(0, 1).default(0),
    }).prefault({}),
    /**
     * With citeAcross score `features`: a matched question term found in d of a paragraph's n sentences counts (1 − weight·(d − 1)/(n − 1))
     * of its IDF in `idfOverlap`, the paragraph's best value kept (paragraph-term-spread.ts, decision 0150); 0 = off.
     */
    answerTermSpread: z.object({
      weight: num(0, 1).default(0),
    }).prefault({}),
    /** Feature weights of the `features` selector (eval-only experiments; defaults fitted on XQuAD). */
    answerWeights: z.record(z.string(), z.number()).optional(),
  }).prefault({}),
  moe: z.object({
    enabled: bool.default(false),
    // Component defaults follow the A/B in docs/decisions/0006-moe-defaults.md: no component won on both datasets.
    router: z.object({
      enabled: bool.default(false),
      experts: z.array(z.string()).default(['general', 'technical', 'personal', 'code']),
      top_k_experts: int(1, 64).default(2),
      similarity_threshold: num(-1, 1).default(0.3),
      centroid_refresh_interval: int(0, 10_000_000).default(3600),
    }).prefault({}),
    gate: z.object({
      enabled: bool.default(false),
      k_min: int(1, 100).default(4),
      k_max: int(1, 200).default(15),
      default_top_k: int(1, 200).default(8),
      retrieve_sim_threshold: num(-1, 1).default(0.62),
      low_sim_threshold: num(-1, 1).default(0.45),
      high_score_cutoff: num(0, 1).default(0.8),
      low_score_cutoff: num(0, 1).default(0.5),
      complexity_weight: num(0, 1).default(0.5),
      confidence_weight: num(0, 1).default(0.5),
    }).prefault({}),
    reranker: z.object({
      enabled: bool.default(false),
      stage1: z.enum(['features', 'cross-encoder']).default('features'),
      model: z.string().default('cross-encoder/ms-marco-MiniLM-L-6-v2'),
      modelPath: z.string().optional(),
      stage2_llm: bool.default(false),
      uncertainty_threshold: num(0, 1).default(0.15),
      /** With paragraph-ranked retrieval: score the paragraph (what was ranked) or the cited sentence. */
      scoreText: z.enum(['paragraph', 'sentence']).default('paragraph'),
      batch_size: int(1, 256).default(16),
    }).prefault({}),
  }).prefault({}),
  redis: z.object({ url: z.string().optional() }).prefault({}),
  limits: z.object({
    chatPerMinute: int(1, 100_000).default(30),
    uploadPerMinute: int(1, 100_000).default(20),
    loginPerMinute: int(1, 100_000).default(10),
    maxQuestionChars: int(10, 100_000).default(4000),
    maxConcurrentStreams: int(1, 1000).default(3),
    dailyBudgetUsd: num(0, 1_000_000).default(5),
  }).prefault({}),
  /** Watched folders (issue 16): `serve` keeps each folder ingested as `bin/propo watch` does. */
  watch: z.object({
    folders: z.array(z.string().min(1)).default([]),
    debounceMs: int(0, 600_000).default(1000),
  }).prefault({}),
  /** Web pages by URL (issue 16): fetch limits and the private networks that may be fetched (SSRF). */
  web: z.object({
    timeoutMs: int(100, 600_000).default(20_000),
    maxRedirects: int(0, 20).default(5),
    /** CIDRs allowed although private/loopback/link-local (e.g. ["192.168.1.0/24"]); default none. */
    allowedNetworks: z.array(z.string().min(1).refine((entry) => parseCidr(entry) !== null, { error: (issue) => `"${String(issue.input)}" is not an address or CIDR (e.g. 127.0.0.1/32, 10.0.0.0/8, fd00::/8)` })).default([]),
  }).prefault({}),
  mcp: z.object({
    /** The MCP `ingest_path` tool (reads files from this machine's disk); off by default. */
    ingestEnabled: bool.default(false),
  }).prefault({}),
  /** Security audit log budgets (issue 14): security events and refusals rotate separately. */
  audit: z.object({
    maxMb: num(0.001, 100_000).default(10),
    keep: int(1, 1000).default(5),
    refusalsMaxMb: num(0.001, 100_000).default(10),
    refusalsKeep: int(1, 1000).default(2),
    /** Repeated refusals of one key (type, ip, user, reason, route) become one line per this window. */
    aggregateWindowSeconds: num(0.01, 86_400).default(60),
    maxKeysPerWindow: int(1, 1_000_000).default(500),
  }).prefault({}),
  ingest: z.object({
    parseTimeoutMs: int(100, 3_600_000).default(120_000),
    parseMemoryMb: int(32, 16_384).default(1024),
    maxPdfPages: int(1, 100_000).default(5000),
    /**
     * PDF text engine (decision 0136): pdfjs (default) or pdfium (PDFium WebAssembly, the optional package
     * @embedpdf/pdfium; ≈ 4.5× less parse CPU on the real set, same layout and hidden-text checks; pdf.js still takes
     * encrypted and damaged files).
     */
    pdfEngine: z.enum(['pdfjs', 'pdfium']).default('pdfium'),
    /** OCR (issue 16): off, auto (pages without a text layer, and PNG/JPEG images) or force (every page). */
    ocr: z.enum(['off', 'auto', 'force']).default('auto'),
    /** One page's OCR time bound; the page is left empty (with a warning) when it is exceeded. */
    ocrPageTimeoutMs: int(1000, 3_600_000).default(60_000),
    /** PDF pages are rendered for OCR at this resolution (lowered to fit ocrMaxMegapixels). */
    ocrDpi: int(72, 600).default(300),
    /** Memory bound for OCR: larger images are refused, larger PDF pages rendered smaller. */
    ocrMaxMegapixels: num(1, 500).default(40),
    /** Crash recovery that found the disk full is retried this often until it succeeds. */
    recoveryRetrySeconds: num(0.05, 86_400).default(30),
  }).prefault({}),
  backup: z.object({
    dir: z.string().default('./backups'),
    retentionDays: int(1, 3650).default(7),
    intervalHours: num(0, 24 * 365).default(0),
  }).prefault({}),
});

export type PropoConfigInput = z.input<typeof configSchema>;
export type PropoConfig = z.output<typeof configSchema>;

/**
 * Environment variables users of the original app already set, mapped to config paths.
 * `secret: true` values are redacted everywhere they are shown.
 */
export interface EnvBinding { env: string; path: string; secret?: boolean; list?: boolean; help: string }

export const ENV_BINDINGS: EnvBinding[] = [
  { env: 'PROPO_DATA_DIR', path: 'dataDir', help: 'Where SQLite, LanceDB and uploads live.' },
  { env: 'PROPO_LOG_DIR', path: 'logDir', help: 'Where app.log and security_audit.log are written.' },
  { env: 'NAMESPACE', path: 'namespace', help: 'Namespace that documents are stored and searched in.' },
  { env: 'TOP_K', path: 'topK', help: 'How many results an answer is built from.' },
  { env: 'MAX_FILE_SIZE_MB', path: 'maxFileSizeMb', help: 'Largest file accepted for ingestion.' },
  { env: 'OCR_MODE', path: 'ingest.ocr', help: 'off, auto (default: scanned pages and PNG/JPEG images) or force (every page).' },
  { env: 'PDF_ENGINE', path: 'ingest.pdfEngine', help: 'pdfium (default: PDFium WebAssembly, falls back to pdf.js per document; decision 0136) or pdfjs.' },
  { env: 'NODE_ENV', path: 'nodeEnv', help: 'production refuses default or empty passwords.' },
  { env: 'HOST', path: 'server.host', help: 'Interface the web app binds to.' },
  { env: 'PORT', path: 'server.port', help: 'Web app and API port (7860).' },
  { env: 'METRICS_PORT', path: 'server.metricsPort', help: 'Health and Prometheus metrics port (8000).' },
  { env: 'ALLOW_INSECURE_BIND', path: 'server.allowInsecureBind', help: 'true to serve a non-loopback HOST without login (set in the Docker image).' },
  { env: 'REQUEST_TIMEOUT_MS', path: 'server.requestTimeoutMs', help: 'Time allowed to receive a whole request (default 300000).' },
  { env: 'IDLE_TIMEOUT_MS', path: 'server.idleTimeoutMs', help: 'A connection silent this long is closed (default 30000).' },
  { env: 'TRUST_PROXY', path: 'server.trustProxy', help: 'true behind a TLS-terminating proxy.' },
  { env: 'MCP_INGEST_ENABLED', path: 'mcp.ingestEnabled', help: 'Offer the MCP ingest_path tool (reads local files).' },
  { env: 'GRADIO_AUTH_ENABLED', path: 'auth.enabled', help: 'Require login.' },
  { env: 'GRADIO_AUTH_USER', path: 'auth.user', help: 'Admin user name created at start.' },
  { env: 'GRADIO_AUTH_PASS', path: 'auth.pass', secret: true, help: 'Admin password.' },
  { env: 'EMBEDDER', path: 'embedder.provider', help: 'auto (default: bge-small when available, else BM25-only), hash, transformers or openai.' },
  { env: 'EMBED_HUB_URL', path: 'embedder.hubUrl', help: 'Model hub (or mirror) EMBEDDER=auto downloads from.' },
  { env: 'EMBED_MODEL', path: 'embedder.model', help: 'Model for transformers/openai embedders.' },
  { env: 'EMBED_MODEL_PATH', path: 'embedder.modelPath', help: 'Local folder with model files (air-gapped).' },
  { env: 'EMBED_DTYPE', path: 'embedder.dtype', help: 'q8 or fp32 for transformers.' },
  { env: 'EMBED_BASE_URL', path: 'embedder.baseUrl', help: 'OpenAI-compatible /v1 base URL for embeddings.' },
  { env: 'EMBED_API_KEY', path: 'embedder.apiKey', secret: true, help: 'Key for the embeddings endpoint.' },
  { env: 'EMBED_DIMENSIONS', path: 'embedder.dimensions', help: 'Vector size (hash: 1024 default; openai: required).' },
  { env: 'LLM_PROVIDER', path: 'llm.provider', help: 'none (extractive), openrouter or openai (any compatible server).' },
  { env: 'OPENROUTER_API_KEY', path: 'llm.apiKey', secret: true, help: 'OpenRouter key; setting it selects OpenRouter.' },
  { env: 'OPENROUTER_MODEL', path: 'llm.model', help: 'Model id (default openrouter/auto).' },
  { env: 'OPENROUTER_REFERER', path: 'llm.referer', help: 'Sent as HTTP-Referer.' },
  { env: 'OPENROUTER_TITLE', path: 'llm.title', help: 'Sent as X-Title.' },
  { env: 'OPENROUTER_BASE_URL', path: 'llm.baseUrl', help: 'Override the OpenRouter API base URL.' },
  { env: 'LLM_BASE_URL', path: 'llm.baseUrl', help: 'Base URL of an OpenAI-compatible server (…/v1).' },
  { env: 'LLM_API_KEY', path: 'llm.apiKey', secret: true, help: 'Key for the OpenAI-compatible server.' },
  { env: 'LLM_MODEL', path: 'llm.model', help: 'Model name on the OpenAI-compatible server.' },
  { env: 'UNSUPPORTED_SENTENCES', path: 'llm.unsupportedSentences', help: 'mark (default: shown flagged as unsupported) or drop (removed) for LLM sentences without a verified citation.' },
  { env: 'PROPOSITIONIZER', path: 'propositionizer', help: 'auto, rule or llm.' },
  { env: 'VECTOR_STORE', path: 'vectorStore.provider', help: 'sqlite (default: vectors, BM25 and an HNSW index in the app database), lancedb or pinecone.' },
  { env: 'PINECONE_API_KEY', path: 'vectorStore.pinecone.apiKey', secret: true, help: 'Pinecone key.' },
  { env: 'PINECONE_INDEX', path: 'vectorStore.pinecone.index', help: 'Pinecone index name.' },
  { env: 'PINECONE_CLOUD', path: 'vectorStore.pinecone.cloud', help: 'Serverless cloud (aws, gcp, azure).' },
  { env: 'PINECONE_REGION', path: 'vectorStore.pinecone.region', help: 'Serverless region.' },
  { env: 'PINECONE_CONTROLLER_HOST', path: 'vectorStore.pinecone.controllerHost', help: 'Control-plane URL override.' },
  { env: 'MOE_ENABLED', path: 'moe.enabled', help: 'Mixture-of-Experts retrieval.' },
  { env: 'REDIS_URL', path: 'redis.url', secret: true, help: 'redis://host:6379 for shared cache/limits/sessions.' },
  { env: 'DAILY_BUDGET_USD', path: 'limits.dailyBudgetUsd', help: 'LLM spend per day before requests are refused.' },
  { env: 'AUDIT_LOG_MAX_MB', path: 'audit.maxMb', help: 'Size at which security_audit.log rotates.' },
  { env: 'AUDIT_LOG_KEEP', path: 'audit.keep', help: 'Rotated security_audit.log files kept.' },
  { env: 'AUDIT_REFUSALS_MAX_MB', path: 'audit.refusalsMaxMb', help: 'Size at which security_refusals.log rotates.' },
  { env: 'AUDIT_REFUSALS_KEEP', path: 'audit.refusalsKeep', help: 'Rotated security_refusals.log files kept.' },
  { env: 'AUDIT_AGGREGATE_WINDOW_S', path: 'audit.aggregateWindowSeconds', help: 'Window in which repeated refusals are counted on one line.' },
  { env: 'BACKUP_DIR', path: 'backup.dir', help: 'Where backups are written.' },
  { env: 'BACKUP_RETENTION_DAYS', path: 'backup.retentionDays', help: 'How long backups are kept.' },
];

/** Config paths whose values are secrets. */
export const SECRET_PATHS = new Set(ENV_BINDINGS.filter((b) => b.secret).map((b) => b.path));
