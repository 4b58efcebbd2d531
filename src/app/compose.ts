/**
 * The one composition root: builds every component from validated, frozen config.
 * Nothing else constructs providers; tests pass `overrides` to swap in local servers.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { PropoConfig } from '../core/config/index.ts';
import { secretValues } from '../core/config/index.ts';
import type { AnswerResult } from '../core/answer/answer-types.ts';
import { scopeToCollection, type AppAskOptions } from './collection-scope.ts';
import { embedMany } from '../core/embed/index.ts';
import { isDiskFullError, PropoError, toPropoError } from '../core/errors/index.ts';
import { detectType } from '../core/ingest/detect-type.ts';
import type { IngestDeps, IngestInput, IngestResult } from '../core/ingest/ingest-file.ts';
import type { IngestFilesOptions } from '../core/ingest/ingest-files.ts';
import type { ParsePool } from '../core/ingest/parse-pool.ts';
import type { Propositionizer } from '../core/ingest/propositionizer.ts';
import { recoverIngestion, type RecoveryLock, type RecoveryReport } from '../core/ingest/recover-ingestion.ts';
import { createRulePropositionizer } from '../core/ingest/rule-propositionizer.ts';
import { createLlmPropositionizer } from '../core/ingest/llm-propositionizer.ts';
import type { Embedder, LlmProvider, VectorStore } from '../core/ports/index.ts';
import { indexedUnits } from '../core/retrieval/indexed-units.ts';
import type { RetrievalOptions, RetrievalResult } from '../core/retrieval/hybrid-search.ts';
import type { AnswerFeature } from '../core/retrieval/answer-features.ts';
import type { SelectionGroup } from '../core/retrieval/select-answer-propositions.ts';
import { resolveEmbedder, type DenseKind, type ResolvedEmbedder } from '../providers/embedders/resolve-embedder.ts';
import { BM25_ONLY_DIMENSIONS, BM25_ONLY_EMBEDDER_NAME, createBm25OnlyEmbedder } from '../providers/embedders/none/create-bm25-only-embedder.ts';
import type { ModelDownloadProgress } from '../providers/embedders/transformers/fetch-model.ts';
import { retrievalSettings } from './retrieval-settings.ts';
import { createVectorStore } from './create-vector-store.ts';
import { ACTIVE_TABLE_KEY } from './reindex.ts';
import { activeProvider } from './migrate.ts';
import { ChatRepository, CollectionRepository, DocumentRepository, LedgerRepository, OriginalNames, openDatabase, type Db } from '../providers/stores/sqlite/index.ts';
import type { PropoMetrics } from './observability/index.ts';
import { createUnexportedMetrics } from './observability/unexported-metrics.ts';
import { createLogger, type Logger } from './logging/create-logger.ts';
import { createDeferredRecovery } from './deferred-recovery.ts';
import { createAuditLog, type AuditLog } from './security/audit-log.ts';
import { auditAnswer, auditDocumentText } from './security/answer-audit.ts';
import { acquireWriterLock, withWriterLock } from './ops/writer-lock.ts';
import { createRedisServices, type RedisServices } from '../providers/cache/redis/index.ts';
import { withEmbeddingCache } from '../core/embed/index.ts';
import type { FetchedPage, WebFetcher } from '../providers/web/fetch-web-page.ts';

/** Answer-feature rows of the candidates, per ranked paragraph (the answer scorers' row steps, decision 0150). */
type FeatureRows = Array<Array<Record<AnswerFeature, number>>>;

export interface AppOverrides {
  embedder?: Embedder;
  /** How an `embedder` override is fused (default: lexical, i.e. the fitted weighted fusion; none for placeholder vectors). */
  embedderDense?: DenseKind;
  /** Progress of a first-use model download (EMBEDDER=auto); the CLI draws a progress bar. */
  onModelDownload?: (progress: ModelDownloadProgress) => void;
  /** EMBEDDER=auto: no new download attempt this long after one failed (read-only commands; decision 0131). */
  skipFailedDownloadForMs?: number;
  vectors?: VectorStore;
  llm?: LlmProvider | null;
  propositionizer?: Propositionizer;
  logToStdout?: boolean;
  checkpoint?: (name: string) => void;
  /**
   * Record Prometheus metrics (prom-client) for /metrics (default true). The CLI sets it for `serve` only: other
   * commands get no-op metrics and never load prom-client (decision 0130).
   */
  exposeMetrics?: boolean;
  /** Called as each provider finishes loading (`serve` reports the others as "starting" on /health meanwhile). */
  onProviderReady?: (provider: 'database' | 'embedder' | 'llm' | 'vectorStore') => void;
}

export interface PropoApp {
  config: PropoConfig;
  db: Db;
  documents: DocumentRepository;
  ledger: LedgerRepository;
  chats: ChatRepository;
  /** Names as uploaded, for documents stored under a safer name (issue 14.5). */
  originalNames: OriginalNames;
  embedder: Embedder;
  /** Which embedder retrieval uses and why; `notice` when semantic search is off although auto asked for it. */
  embedderStatus: Omit<ResolvedEmbedder, 'embedder'>;
  vectors: VectorStore;
  llm: LlmProvider | null;
  propositionizer: Propositionizer;
  metrics: PropoMetrics;
  logger: Logger;
  /** Security audit log (logs/security_audit.log). */
  audit: AuditLog;
  /** Embedding/answer caches: Redis when REDIS_URL is set, in-process otherwise. */
  caches: RedisServices;
  /** Runs a write (ingest, delete, restore...) as the single writer of the data dir. */
  withWriteLock<T>(work: () => Promise<T>): Promise<T>;
  /** Deletes a document and its vectors (single writer). */
  removeDocument(id: string): Promise<boolean>;
  startedAt: Date;
  ingest(input: IngestInput): Promise<IngestResult>;
  /** Fetches a web page within the web.* limits (SSRF-checked); throws typed errors. */
  fetchWebPage(url: string, options?: { signal?: AbortSignal }): Promise<FetchedPage>;
  /** Fetches a page and ingests it with the URL as its source; a refused or failed fetch is a failed result. */
  ingestUrl(url: string, options?: Omit<IngestInput, 'fileName' | 'bytes' | 'sourcePath'>): Promise<IngestResult>;
  /** Crash recovery; on a full disk it is deferred and retried by itself (report.deferred). */
  /** Many files, prepared concurrently and written in batches (the CLI, the eval harness). */
  ingestMany(inputs: Iterable<() => Promise<IngestInput | IngestResult>>, options?: IngestFilesOptions): Promise<IngestResult[]>;
  recover(): Promise<RecoveryReport>;
  /** Since when recovery waits for disk space, or null. */
  recoveryDeferredSince(): Date | null;
  retrieve(query: string, options?: Partial<RetrievalOptions> & { signal?: AbortSignal }): Promise<RetrievalResult>;
  /** Answers a question; `collection` scopes retrieval to a collection's documents and adds its system prompt. */
  ask: (question: string, options?: AppAskOptions) => Promise<AnswerResult>;
  /**
   * Builds the query side and runs one search, so the first user question does not pay for the module loads, the
   * BM25 index file and the corpus statistics (seconds of blocked event loop on a large library). `serve` awaits it
   * before `/ready` says 200, so a load balancer never sends traffic to a cold instance.
   */
  warmUp(): Promise<void>;
  collections: CollectionRepository;
  close(): Promise<void>;
}

export async function createApp(config: PropoConfig, overrides: AppOverrides = {}): Promise<PropoApp> {
  mkdirSync(config.dataDir, { recursive: true });
  const logger = createLogger({ logDir: config.logDir, secrets: secretValues(config), stdout: overrides.logToStdout ?? false });
  const db = openDatabase(join(config.dataDir, 'propo.sqlite'));
  overrides.onProviderReady?.('database');
  const documents = new DocumentRepository(db);
  const ledger = new LedgerRepository(db);
  const chats = new ChatRepository(db);
  const originalNames = new OriginalNames(db);
  const collections = new CollectionRepository(db);
  const metrics = (overrides.exposeMetrics ?? true) ? (await import('./observability/metrics.ts')).createMetrics() : createUnexportedMetrics();
  const audit = createAuditLog({
    logDir: config.logDir, secrets: secretValues(config), metrics,
    maxBytes: Math.round(config.audit.maxMb * 1024 * 1024), keep: config.audit.keep,
    refusalsMaxBytes: Math.round(config.audit.refusalsMaxMb * 1024 * 1024), refusalsKeep: config.audit.refusalsKeep,
    aggregateWindowMs: Math.round(config.audit.aggregateWindowSeconds * 1000), maxKeysPerWindow: config.audit.maxKeysPerWindow,
  });
  const caches = createRedisServices(config, metrics);
  let resolved: ResolvedEmbedder = overrides.embedder
    ? { embedder: overrides.embedder, dense: overrides.embedderDense ?? (overrides.embedder.placeholderVectors ? 'none' : 'lexical'), source: 'override' }
    : await resolveEmbedder(config.embedder, {
      dataDir: config.dataDir,
      ...(overrides.onModelDownload ? { onProgress: overrides.onModelDownload } : {}),
      ...(overrides.skipFailedDownloadForMs ? { skipFailedDownloadForMs: overrides.skipFailedDownloadForMs } : {}),
    });
  overrides.onProviderReady?.('embedder');
  // Extractive answers (llm.provider none) load no LLM client code (issue 17).
  const llm = overrides.llm !== undefined ? overrides.llm
    : config.llm.provider === 'none' ? null : (await import('../providers/llm/create-llm.ts')).createLlm(config.llm);
  overrides.onProviderReady?.('llm');
  const vectors = overrides.vectors ?? await createVectorStore(config, documents.getMeta(ACTIVE_TABLE_KEY) ?? undefined, activeProvider(config, documents), db,
    (fields, message) => logger.warn(fields, message));
  resolved = await openVectors(vectors, resolved, config.embedder.provider === 'auto');
  overrides.onProviderReady?.('vectorStore');
  const baseEmbedder = resolved.embedder;
  const embedderStatus = { dense: resolved.dense, source: resolved.source, ...(resolved.notice === undefined ? {} : { notice: resolved.notice }) };
  // Placeholder vectors are never worth caching (nothing is computed).
  const embedder = baseEmbedder.placeholderVectors ? baseEmbedder : withEmbeddingCache(baseEmbedder, caches.embeddingCache);
  const settings = retrievalSettings(config.retrieval, resolved.dense);
  if (resolved.notice) logger.warn({ event: 'embedder', source: resolved.source }, resolved.notice);
  if (config.moe.enabled && config.moe.router.enabled && baseEmbedder.placeholderVectors) {
    throw new PropoError('PROPO_ERR_CONFIG_INVALID', 'The MoE expert router clusters embeddings, but retrieval is BM25-only (no embedding model). ' +
      'Set EMBEDDER=hash, make the model available (EMBED_MODEL_PATH), or set moe.router.enabled=false.');
  }

  const usePropositionLlm = config.propositionizer === 'llm' || (config.propositionizer === 'auto' && llm !== null);
  if (config.propositionizer === 'llm' && !llm) {
    throw new PropoError('PROPO_ERR_CONFIG_INVALID', 'PROPOSITIONIZER=llm needs an LLM. Configure OPENROUTER_API_KEY or LLM_BASE_URL, or use PROPOSITIONIZER=rule.');
  }
  const propositionizer = overrides.propositionizer ?? (usePropositionLlm && llm ? createLlmPropositionizer({ llm, fallback: createRulePropositionizer() }) : createRulePropositionizer());

  // Long-lived parser workers (time and memory bounds per file, recycled after 50 files), created by the first parse:
  // commands that never ingest do not load the pool (issue 17, decision 0130).
  let parsePool: Promise<ParsePool> | null = null;
  const pool = () => (parsePool ??= import('../core/ingest/parse-pool.ts').then(({ createParsePool }) => createParsePool({
    size: 2, timeoutMs: config.ingest.parseTimeoutMs, memoryMb: config.ingest.parseMemoryMb, maxPages: config.ingest.maxPdfPages, pdfEngine: config.ingest.pdfEngine,
    ocrSettings: { pageTimeoutMs: config.ingest.ocrPageTimeoutMs, dpi: config.ingest.ocrDpi, maxMegapixels: config.ingest.ocrMaxMegapixels },
  })));
  // In-process writes queue up; across processes the writer lock file decides (docs/decisions/0005).
  let writeChain: Promise<unknown> = Promise.resolve();
  const withWriteLock = <T>(work: () => Promise<T>): Promise<T> => {
    const run = writeChain.then(() => withWriterLock(config.dataDir, { wait: 10 * 60_000, purpose: 'write' }, work));
    writeChain = run.catch(() => undefined);
    return run;
  };

  const ingestDeps: IngestDeps = {
    withWriteLock,
    repository: documents,
    vectors,
    embedder,
    propositionizer,
    namespace: config.namespace,
    filesDir: join(config.dataDir, 'files'),
    units: indexedUnits(config.retrieval),
    detect: (fileName, bytes) => detectType(fileName, bytes, { maxBytes: Math.round(config.maxFileSizeMb * 1024 * 1024) }),
    parse: async (bytes, options) => (await pool()).parse(bytes, { ...options, ocr: options.ocr ?? config.ingest.ocr }),
    embed: (texts, options) => embedMany(embedder, texts, { ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: (p) => options.onProgress?.(p.done) } : {}) }),
    ...(overrides.checkpoint ? { checkpoint: overrides.checkpoint } : {}),
  };

  // The query side (retrieval, MoE, the cross-encoder, answering) loads on first use: `docs list`, `ingest` and the
  // other commands that never ask do not import or build it (issue 17, decision 0116). With MoE on it is built at
  // once (its router is updated after every ingest).
  const buildQueryEngine = async () => {
  const [{ createAnswerer }, { crossEncoderSupport, lexicalSupport }, { createListLookup }, { evidenceFinding }, { costUsd, estimateTokens }, { hybridSearch }, { cachedCorpusStatistics }, { cachedVisibleDocuments }, { createAnswerSelector, DEFAULT_ANSWER_WEIGHTS, candidateFeatures, scoreFeatures }, { createAnswerScorer }, { cachedDocumentSubjects }, { carryToContinuation }, { discountSpreadTerms }] = await Promise.all([
    import('../core/answer/answer-question.ts'), import('../core/answer/sentence-support.ts'), import('../core/answer/list-lookup.ts'),
    import('../core/answer/evidence-coverage.ts'), import('../core/cost/index.ts'), import('../core/retrieval/hybrid-search.ts'),
    import('../core/retrieval/lexical/corpus-statistics.ts'), import('../core/retrieval/visible-documents.ts'), import('../core/retrieval/select-answer-propositions.ts'),
    import('../core/retrieval/cite-across-paragraphs.ts'), import('../core/retrieval/document-subject.ts'), import('../core/retrieval/anaphoric-continuation.ts'),
    import('../core/retrieval/paragraph-term-spread.ts'),
  ]);
  // How the re-scorer and the evidence checks split words (decision 0154), before any statistics are built.
  (await import('../core/retrieval/lexical/lexical-terms.ts')).setLexicalAnalysis({ compounds: config.retrieval.lexical.mixedWords === 'letters' ? 'letters' : 'none' });
  // The Porter2 stems of an earlier process, so the first statistics build does not stem every word again (decision 0132).
  const stemCache = await import('./stem-cache-file.ts');
  const stemFile = stemCache.stemCacheFile(config.dataDir);
  const warnStems = (message: string) => logger.warn({ event: 'stem-cache' }, message);
  const knownStems = stemCache.loadStemCache(stemFile, warnStems);
  // BM25F statistics of the visible documents, rebuilt after an ingest or delete (decision 0018).
  // Visible ids are re-read (and the statistics re-keyed) only when the database changed (decision 0055).
  const visibleDocuments = cachedVisibleDocuments(() => documents.visibleDocumentIds(), () => documents.changeVersion());
  const corpusStatistics = cachedCorpusStatistics(() => documents.visibleParagraphs(), visibleDocuments.version);
  // The answer context with the question-typing rule (decision 0151), for every answer scorer.
  const answerContext = { ...config.retrieval.answerContext, typing: config.retrieval.answerTyping };
  const answerSelector = createAnswerSelector({ ...config.retrieval, answerContext });
  // Each document's subject stems for the answer scorers (decision 0143), recomputed after an ingest or delete.
  const documentSubject = cachedDocumentSubjects((id) => documents.paragraphs(id), visibleDocuments.version);
  const answerWeights = config.retrieval.answerWeights ?? DEFAULT_ANSWER_WEIGHTS;
  // Feature rows re-weighed before scoring (decision 0150), when on: terms spread over a paragraph discounted, a matched
  // sentence's evidence carried to its anaphoric continuation.
  const { answerContinuation, answerTermSpread } = config.retrieval;
  const rowSteps = [
    ...(answerTermSpread.weight > 0 ? [(query: string, groups: readonly SelectionGroup[], rows: FeatureRows) => discountSpreadTerms(query, groups, rows, answerTermSpread)] : []),
    ...(answerContinuation.weight > 0 ? [(_query: string, groups: readonly SelectionGroup[], rows: FeatureRows) => carryToContinuation(groups, rows, answerWeights, answerContinuation)] : []),
  ];
  const answerScore = config.retrieval.citeAcross.score === 'features' && rowSteps.length > 0
    ? (query: string, groups: readonly SelectionGroup[]) => rowSteps.reduce<FeatureRows>((rows, step) => step(query, groups, rows), candidateFeatures(query, groups, answerContext))
      .map((rows) => rows.map((row) => scoreFeatures(row, answerWeights)))
    : createAnswerScorer(config.retrieval.citeAcross.score, answerWeights, answerContext);
  const citeAcross = { ...config.retrieval.citeAcross, score: answerScore,
    ...(config.retrieval.citeAcross.definitionFirst ? { defines: (query: string, groups: Parameters<typeof candidateFeatures>[1]) => candidateFeatures(query, groups, answerContext).map((rows) => rows.map((row) => row.defines)) } : {}) };
  const baseRetrieve = (query: string, options: Partial<RetrievalOptions> & { signal?: AbortSignal } = {}) => hybridSearch({
    vectors,
    embedQuery: (text, signal) => embedder.embedQuery(text, signal ? { signal } : {}),
    visibleDocumentIds: visibleDocuments.ids,
    paragraph: (id) => documents.paragraph(id),
    propositionsOf: (ids) => documents.propositionsByParagraphs(ids),
    nextParagraph: (id) => documents.nextParagraph(id),
    corpusStatistics,
    documentSubject,
    documentParagraphs: (id) => documents.paragraphs(id),
  }, query, {
    ...settings,
    candidates: config.retrieval.candidates, k: config.topK, unit: config.retrieval.unit, rankBy: config.retrieval.rankBy, citesPerParagraph: config.retrieval.citesPerParagraph,
    titleWeight: config.retrieval.titleWeight, propositionWeight: config.retrieval.propositionWeight, feedback: config.retrieval.feedback, lexical: config.retrieval.lexical, answerSelector, sentenceOrder: config.retrieval.sentenceOrder, citeAcross, sectionContext: config.retrieval.answerContext.heading,
    documentContext: config.retrieval.answerContext.document > 0,
    firstMention: config.retrieval.citeAcross.firstMention,
    namespace: config.namespace, ...options,
    // Placeholder vectors are never searched, whatever mode a caller (e.g. an eval variant) asks for.
    ...(baseEmbedder.placeholderVectors ? { mode: 'bm25' as const } : {}),
  }, options.signal);

  // The cross-encoder, when configured, reranks (MoE) and scores the support of LLM sentences.
  const crossEncoder = config.moe.reranker.stage1 === 'cross-encoder'
    ? (await import('../providers/rerankers/transformers/index.ts')).createTransformersCrossEncoder({ model: config.moe.reranker.model, ...(config.moe.reranker.modelPath ? { modelPath: config.moe.reranker.modelPath } : { cacheDir: join(config.dataDir, 'models') }) })
    : null;
  // Mixture-of-Experts retrieval (MOE_ENABLED): router, gate and reranker around the baseline.
  const moe = config.moe.enabled ? (await import('../core/moe/index.ts')).createMoePipeline({
    config, baseRetrieve, vectors, storage: documents, embedder, llm, metrics,
    ...(crossEncoder ? { crossEncoder } : {}),
  }) : null;
  const retrieve: typeof baseRetrieve = moe ? moe.retrieve : baseRetrieve;
  const updateRouter = async () => {
    if (!moe?.router) return;
    await moe.router.update().catch((error: unknown) => logger.warn({ event: 'moe-router-update', error: String(error) }, 'moe router update failed'));
  };

  const ask = createAnswerer({
    retrieve: (query, options) => retrieve(query, options),
    llm,
    spanExists: (ref) => documents.findBySpan(ref.file, ref.page, ref.start, ref.end).length > 0,
    quoteInOrder: config.retrieval.citeAcross.window > 0,
    chosenItemFirst: config.retrieval.citeAcross.itemFirst,
    chosenHits: config.retrieval.citeAcross.window > 0 && config.retrieval.citeAcross.quoteChosen ? config.retrieval.citeAcross.count : 1,
    lists: createListLookup({ paragraph: (id) => documents.paragraph(id), nextParagraph: (id) => documents.nextParagraph(id), propositionsOf: (ids) => documents.propositionsByParagraphs(ids) }),
    estimateTokens,
    costUsd: (usage, model) => costUsd(usage, model).usd,
    record: (result, context) => {
      try {
        ledger.record(result, context);
      } catch (error) {
        // A full disk must not cost the user the answer they already have (issue 14 item 3).
        if (!isDiskFullError(error)) throw error;
        logger.warn({ event: 'ledger-write-skipped', code: 'PROPO_ERR_DISK_FULL', costUsd: result.usage.costUsd }, 'disk full: answer not recorded in the ledger');
      }
      auditAnswer((event) => audit.write(event), result, { user: context.user ?? null });
      metrics.answersTotal.inc({ mode: result.mode === 'llm' ? 'llm' : 'extractive' });
      if (result.mode === 'no-match') metrics.noMatchAnswersTotal.inc();
      metrics.citationsRejectedTotal.inc(result.rejectedCitations);
      if (result.mode === 'llm') {
        metrics.llmTokensTotal.inc({ kind: 'prompt' }, result.usage.promptTokens);
        metrics.llmTokensTotal.inc({ kind: 'completion' }, result.usage.completionTokens);
        if (result.usage.costUsd) metrics.llmCostUsdTotal.inc(result.usage.costUsd);
      }
      const t = result.timings;
      metrics.queryStageSeconds.observe({ stage: 'embed' }, t.embedMs / 1000);
      metrics.queryStageSeconds.observe({ stage: 'retrieve' }, t.retrieveMs / 1000);
      metrics.queryStageSeconds.observe({ stage: 'rerank' }, t.rerankMs / 1000);
      if (t.firstTokenMs !== null) metrics.queryStageSeconds.observe({ stage: 'first_token' }, t.firstTokenMs / 1000);
      metrics.queryStageSeconds.observe({ stage: 'total' }, t.totalMs / 1000);
    },
    threshold: config.retrieval.threshold,
    ...(config.retrieval.evidence.threshold > 0 ? { evidence: { ...config.retrieval.evidence, find: (question: string, texts: readonly string[], sentences: readonly string[]) => evidenceFinding(question, texts, corpusStatistics(), sentences) } } : {}),
    defaultK: config.topK,
    maxTokens: config.llm.maxTokens,
    temperature: config.llm.temperature,
    unsupportedSentences: config.llm.unsupportedSentences,
    support: crossEncoder ? crossEncoderSupport(crossEncoder) : lexicalSupport,
  });
  const close = async () => {
    await moe?.close();
    await crossEncoder?.close?.();
    stemCache.saveStemCache(stemFile, knownStems, warnStems);
  };
  return { retrieve, ask, updateRouter, close };
  };
  let queryEngine: ReturnType<typeof buildQueryEngine> | null = null;
  const engine = () => (queryEngine ??= buildQueryEngine());
  if (config.moe.enabled) await engine();
  const updateRouter = async () => {
    if (config.moe.enabled) await (await engine()).updateRouter();
  };
  const retrieve = async (query: string, options: Partial<RetrievalOptions> & { signal?: AbortSignal } = {}) => (await engine()).retrieve(query, options);

  // The ingestion pipeline loads on the first ingest (Node caches the module after that).
  const ingestOne = async (input: IngestInput): Promise<IngestResult> => {
    const { ingestFile } = await import('../core/ingest/ingest-file.ts');
    const result = await ingestFile(ingestDeps, input);
    if (result.status === 'ingested' && result.originalName) originalNames.set(result.id, result.originalName);
    if (result.status === 'ingested') await updateRouter();
    recordIngest(result);
    refreshGauges();
    return result;
  };
  // Loaded on the first URL: `ask` and `docs` never fetch a page (issue 17; web.allowedNetworks is checked by the schema).
  let webFetcher: Promise<WebFetcher> | undefined;
  const fetchPage = (url: string, options: { signal?: AbortSignal }): Promise<FetchedPage> => {
    webFetcher ??= import('../providers/web/fetch-web-page.ts').then(({ createWebFetcher }) => createWebFetcher({
      maxBytes: Math.round(config.maxFileSizeMb * 1024 * 1024), timeoutMs: config.web.timeoutMs, maxRedirects: config.web.maxRedirects, allowedNetworks: config.web.allowedNetworks,
    }));
    return webFetcher.then((fetcher) => fetcher.fetch(url, options));
  };


  const refreshGauges = () => {
    const counts = documents.counts();
    metrics.documents.set(counts.documents);
    metrics.propositions.set(counts.propositions);
  };
  refreshGauges();
  const recordIngest = (result: IngestResult): void => {
    if (result.status === 'ingested') auditDocumentText((event) => audit.write(event), { file: result.file, documentId: result.id, pages: documents.pages(result.id) });
    else if (result.status === 'failed') audit.write({ type: 'UPLOAD_REJECTED', level: 'WARNING', details: { file: result.file, code: result.error?.code } });
    metrics.ingestDocumentsTotal.inc({ outcome: result.status === 'ingested' ? 'succeeded' : result.status });
    if (result.status === 'ingested') metrics.ingestPropositionsTotal.inc(result.propositions);
    logger.info({ event: 'ingest', file: result.file, status: result.status, error: result.error?.code }, 'ingest');
  };

  // Recovery never waits for another writer: while one is alive its pending rows are its own work.
  const recoveryLock: RecoveryLock = async (work) => {
    let lock;
    try {
      lock = await acquireWriterLock(config.dataDir, { wait: 0, purpose: 'recovery' });
    } catch (error) {
      if (!(error instanceof PropoError) || error.code !== 'PROPO_ERR_CONFLICT') throw error;
      logger.info({ event: 'recovery-skipped', error: error.message }, 'crash recovery skipped: another process is writing');
      return null;
    }
    try {
      return await work();
    } finally {
      lock.release();
    }
  };
  const recovery = createDeferredRecovery(async () => {
    const report = await recoverIngestion(ingestDeps, recoveryLock);
    await updateRouter();
    return report;
  }, { retryMs: Math.round(config.ingest.recoveryRetrySeconds * 1000), logger });
  return {
    config, db, documents, ledger, chats, originalNames, embedder, embedderStatus, vectors, llm, propositionizer, metrics, logger, audit, caches, withWriteLock, startedAt: new Date(),
    ingest: ingestOne,
    async ingestMany(inputs, options = {}) {
      const { ingestFiles } = await import('../core/ingest/ingest-files.ts');
      const results = await ingestFiles(ingestDeps, inputs, { ...options, onResult: (result, index) => {
        if (result.status === 'ingested' && result.originalName) originalNames.set(result.id, result.originalName);
        recordIngest(result);
        options.onResult?.(result, index);
      } });
      if (results.some((result) => result.status === 'ingested')) await updateRouter();
      refreshGauges();
      return results;
    },
    fetchWebPage: (url, options = {}) => fetchPage(url, options),
    async ingestUrl(url, options = {}) {
      let page: FetchedPage;
      try {
        page = await fetchPage(url, options.signal ? { signal: options.signal } : {});
      } catch (error) {
        const typed = toPropoError(error);
        const result: IngestResult = { id: '', file: url.slice(0, 200), status: 'failed', pages: 0, propositions: 0, error: { code: typed.code, message: typed.message } };
        recordIngest(result);
        return result;
      }
      return ingestOne({ ...options, fileName: page.fileName, bytes: page.bytes, sourcePath: page.url });
    },
    recover: () => recovery.recover(),
    recoveryDeferredSince: () => recovery.deferredSince(),
    removeDocument: (id) => withWriteLock(async () => {
      const existed = documents.delete(id);
      collections.forgetDocument(id);
      await vectors.deleteByDocument(id);
      refreshGauges();
      return existed;
    }),
    retrieve,
    ask: async (question, options = {}) => (await engine()).ask(question, scopeToCollection(collections, options)),
    warmUp: async () => {
      await (await engine()).retrieve('warm up', { k: 1 });
    },
    collections,
    async close() {
      recovery.close();
      audit.close();
      await vectors.close();
      await baseEmbedder.close?.();
      await caches.close();
      if (parsePool) await (await parsePool).close();
      if (queryEngine) await (await queryEngine).close();
      db.close();
      logger.flush();
    },
  };
}

/**
 * Opens the index for the resolved embedder. With EMBEDDER=auto, an index built BM25-only stays BM25-only
 * when the model becomes available (switching needs new vectors for every record: `bin/propo reindex`).
 */
async function openVectors(vectors: VectorStore, resolved: ResolvedEmbedder, auto: boolean): Promise<ResolvedEmbedder> {
  try {
    await vectors.open({ embedder: resolved.embedder.name, dimensions: resolved.embedder.dimensions, ...(resolved.embedder.placeholderVectors ? { placeholderVectors: true } : {}) });
    return resolved;
  } catch (error) {
    if (!auto || resolved.dense === 'none' || !(error instanceof PropoError) || error.code !== 'PROPO_ERR_EMBEDDER_MISMATCH') throw error;
    try {
      await vectors.open({ embedder: BM25_ONLY_EMBEDDER_NAME, dimensions: BM25_ONLY_DIMENSIONS, placeholderVectors: true });
    } catch {
      throw error;
    }
    await resolved.embedder.close?.();
    return {
      embedder: createBm25OnlyEmbedder(),
      dense: 'none',
      source: 'auto: BM25-only index',
      notice: `Semantic search is off: the embedding model is available (${resolved.source}) but the index was built BM25-only. ` +
        'Run `bin/propo reindex` once to compute its vectors; until then retrieval is BM25-only (keyword matching).',
    };
  }
}
