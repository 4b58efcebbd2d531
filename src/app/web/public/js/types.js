// @ts-check
/**
 * The JSON shapes the server sends, as JSDoc typedefs for the browser code (a module imports the ones it
 * uses with an `@import` comment). Each names the server type it mirrors under
 * src/app/http, src/core or src/app/security; keep the two in step when a route's answer changes.
 * `api()` returns the parsed JSON untyped; each caller declares which of these it expects.
 * The module exports nothing at run time.
 */

// ——— Errors ———

/** @typedef {{ code: string, message: string }} ErrorBody the `{ error }` of every failed request (error-handler.ts) */

// ——— Auth and users (app/security) ———

/** @typedef {{ name: string, role: string }} SessionUser */
/** @typedef {{ user: SessionUser, csrfToken: string | null, authEnabled: boolean }} MeResponse GET /api/auth/me, POST /api/auth/login */
/** @typedef {{ name: string, role: 'admin' | 'user', disabled: boolean, tokens: number, createdAt: string }} User ListedUser */
/** @typedef {{ id: string, label: string, createdAt: string, lastUsedAt: string | null }} ApiToken */
/** @typedef {{ users: User[] }} UsersResponse GET /api/users */
/** @typedef {{ user: User, password?: string }} UserCreated POST /api/users (a generated password, shown once) */
/** @typedef {{ name: string, loggedOut: boolean, password?: string }} PasswordReset POST /api/users/:name/password */
/** @typedef {{ tokens: ApiToken[] }} TokensResponse GET /api/users/:name/tokens */
/** @typedef {{ token: string, tokens: ApiToken[] }} TokenCreated POST /api/users/:name/tokens */

// ——— Documents (documents-routes.ts, document-result.ts, failed-ingestions.ts) ———

/**
 * What every ingestion result carries (DocumentResult).
 * @typedef {object} DocumentResultBase
 * @property {string} id
 * @property {string} file
 * @property {number} pages
 * @property {number} propositions
 * @property {string} [originalName]
 * @property {string | null} [source] the URL, for POST /api/documents/url
 */
/**
 * One file's ingestion result: a failed one always has its error (ingestFile sets it with the status).
 * @typedef {DocumentResultBase & ({ status: 'failed', error: ErrorBody } | { status: 'ingested' | 'unchanged', error?: undefined })} DocumentResult
 */
/** @typedef {{ documents: DocumentResult[] }} DocumentResults upload, URL, retry and re-ingest answers */
/**
 * A document in the list (documentSummary plus the original name).
 * @typedef {object} DocumentSummary
 * @property {string} id
 * @property {string} file
 * @property {string} kind
 * @property {string} status
 * @property {number} pages
 * @property {number} propositions
 * @property {number} bytes
 * @property {string[]} warnings
 * @property {string} createdAt
 * @property {string} updatedAt
 * @property {string} [originalName]
 * @property {boolean} [matchedContent] found by its text, not its name
 */
/** @typedef {{ documents: DocumentSummary[], total: number, offset: number, limit: number | null }} DocumentsPage GET /api/documents */
/** @typedef {{ number: number, text: string }} DocumentPage */
/** @typedef {{ id: string, file: string, pages: DocumentPage[] }} DocumentPages GET /api/documents/:id/pages */
/** @typedef {{ id: string, file: string, errorCode: string, errorMessage: string, bytes: number, kept: boolean, failedAt: string, attempts: number }} FailedIngestion */
/** @typedef {{ failed: FailedIngestion[] }} FailedResponse GET /api/documents/failed */

/** @typedef {'read' | 'ocr' | 'parse' | 'propositionize' | 'embed' | 'index' | 'done'} IngestStage */
/**
 * One NDJSON line of an upload with `Accept: application/x-ndjson` (UploadEvent, plus `accepted` and `done`).
 * @typedef {{ type: 'accepted', files: string[] }
 *   | { type: 'file-start', index: number, file: string }
 *   | { type: 'file-progress', index: number, file: string, stage: IngestStage, pages?: number, propositions?: number, embedded?: number, ocrDone?: number, ocrPages?: number }
 *   | { type: 'file-end', index: number, result: DocumentResult }
 *   | { type: 'done', documents: DocumentResult[] }} UploadEvent
 */

// ——— Collections (collection-repository.ts) ———

/** @typedef {{ id: string, name: string, systemPrompt: string | null, documentIds: string[] }} Collection */
/** @typedef {{ collections: Collection[] }} CollectionsResponse GET /api/collections */

// ——— Chat, answers and sessions (answer-types.ts, chat-routes.ts, chat-repository.ts) ———

/**
 * @typedef {object} ResolvedCitation
 * @property {string} marker `[file:page:start-end]`
 * @property {string} file
 * @property {number} page
 * @property {number} start
 * @property {number} end
 * @property {string} text
 * @property {string} documentId
 * @property {string} propositionId
 * @property {string} paragraphId
 */
/** @typedef {{ text: string, start: number, end: number, citations: string[], supported: boolean, support: number | null }} AnswerSentence */
/** @typedef {{ promptTokens: number, completionTokens: number, costUsd: number | null, estimated: boolean, model: string }} AnswerUsage */
/** @typedef {{ embedMs: number, retrieveMs: number, rerankMs: number, firstTokenMs: number | null, totalMs: number }} AnswerTimings */
/** @typedef {'llm' | 'extractive' | 'no-match'} AnswerMode */
/**
 * An answer as `answer-end` sends it and an assistant message stores it (answerPayload). Older stored messages
 * may lack fields, so all but `answer` and `mode` are optional here.
 * @typedef {object} AnswerPayload
 * @property {string} [id]
 * @property {string} answer
 * @property {AnswerMode} mode
 * @property {ResolvedCitation[]} [citations]
 * @property {AnswerUsage} [usage]
 * @property {AnswerTimings} [timings]
 * @property {number} [rejectedCitations]
 * @property {AnswerSentence[]} [sentences]
 * @property {{ method: string, policy: string, unsupported: number, dropped: number }} [support]
 * @property {string} [sessionId]
 */
/**
 * The Server-Sent Events of POST /api/chat.
 * @typedef {{ event: 'answer-start', data: { id: string, sessionId: string, questionId: string, searchedQuestion: string } }
 *   | { event: 'answer-delta', data: { text: string } }
 *   | { event: 'answer-end', data: AnswerPayload }
 *   | { event: 'error', data: ErrorBody }} ChatEvent
 */
/** @typedef {{ id: string, sessionId: string, role: 'user' | 'assistant', content: string, createdAt: string, answer: AnswerPayload | null }} ChatMessage ChatMessageRecord */
/** @typedef {{ id: string, title: string, user: string | null, createdAt: string, updatedAt: string, snippet?: string | null }} SessionSummary */
/** @typedef {SessionSummary & { messages: ChatMessage[] }} ChatSession GET /api/sessions/:id */
/** @typedef {{ sessions: SessionSummary[] }} SessionsResponse GET /api/sessions and /api/sessions/search */
/** @typedef {{ questions: string[] }} ExamplesResponse GET /api/examples */
/** @typedef {{ mode: 'hybrid' | 'bm25', embedder: string, source: string, notice?: string }} RetrievalStatus GET /api/retrieval */

// ——— Citations (resolve-citation.ts, pdf-span.ts, text-source.ts) ———

/**
 * GET /api/citations/resolve (ResolvedSpan).
 * @typedef {object} ResolvedSpan
 * @property {string} file
 * @property {number} page
 * @property {number} start
 * @property {number} end
 * @property {string} text
 * @property {string} documentId
 * @property {{ id: string, start: number, end: number, text: string } | null} paragraph
 * @property {string} pageText
 */
/** @typedef {{ index: number, from: number, to: number, str: string }} SpanItem a cited text item of a PDF page */
/**
 * GET /api/citations/pdf-items (PdfSpanAnswer).
 * @typedef {object} PdfSpanAnswer
 * @property {string} documentId
 * @property {string} file
 * @property {number} page
 * @property {number} start
 * @property {number} end
 * @property {string} originalUrl
 * @property {boolean} matches the page laid out again equals the stored text (else `items` is empty)
 * @property {SpanItem[]} items
 * @property {number} annotationChars
 */
/** @typedef {{ format: 'markdown' | 'text', text: string, start: number, end: number }} TextSource GET /api/citations/source */

// ——— Costs (costs-routes.ts, ledger-repository.ts, monthly-cost.ts) ———

/** @typedef {{ answers: number, promptTokens: number, completionTokens: number, costUsd: number, noMatch: number }} LedgerTotals */
/** @typedef {{ all: LedgerTotals, today: LedgerTotals, dailyBudgetUsd: number }} CostTotals GET /api/costs/totals */
/** @typedef {LedgerTotals & { day: string }} DailyCost */
/** @typedef {{ days: DailyCost[] }} DailyCosts GET /api/costs/daily */
/**
 * @typedef {object} LedgerEntry
 * @property {string} id
 * @property {string} createdAt
 * @property {string | null} sessionId
 * @property {string | null} user
 * @property {string} question
 * @property {string} mode
 * @property {string} model
 * @property {number} promptTokens
 * @property {number} completionTokens
 * @property {number | null} costUsd
 * @property {boolean} estimated
 * @property {number} embedMs
 * @property {number} retrieveMs
 * @property {number} rerankMs
 * @property {number | null} firstTokenMs
 * @property {number} totalMs
 * @property {number} citations
 * @property {number} rejectedCitations
 */
/** @typedef {{ entries: LedgerEntry[] }} LedgerResponse GET /api/costs/ledger */
/**
 * GET /api/costs/credits: OpenRouterCredits when a key is configured, else why not.
 * @typedef {{ available: true, totalCredits: number | null, totalUsage: number, remaining: number | null, source: 'credits' | 'key' }
 *   | { available: false, reason?: string }} Credits
 */
/**
 * POST /api/costs/calculator (MonthlyCostEstimate).
 * @typedef {object} MonthlyCostEstimate
 * @property {number} monthlyQueries
 * @property {number} promptTokens
 * @property {number} completionTokens
 * @property {number} pricePer1kTokensUsd
 * @property {number} baseFixedCostUsd
 * @property {number} tokensPerMonth
 * @property {number} tokenCostUsd
 * @property {number} totalUsd
 */

// ——— Evaluation (eval-routes.ts, eval-types.ts, compare-evaluations.ts) ———

/**
 * A saved run without its per-query outcomes (EvalRunSummary: whatever the run file holds, plus its id). Runs
 * written by older versions differ, so every field but `id` is read defensively.
 * @typedef {{ id: string, name?: string, mode?: string, dataset?: string, startedAt?: string, createdAt?: string } & Record<string, unknown>} EvalRunSummary
 */
/** @typedef {{ runs: EvalRunSummary[], canRun: boolean }} EvalRunsResponse GET /api/eval/runs */
/** @typedef {{ phase: 'ingest' | 'query', done: number, total: number }} EvalProgress EvalChildProgress */
/**
 * GET /api/eval/status.
 * @typedef {{ running: false } | { running: true, dataset: string, startedAt: string, progress: EvalProgress | null }} EvalStatus
 */
/** @typedef {{ metric: string, n: number, meanA: number, meanB: number, difference: number, ci95: [number, number], pBootstrap: number, pPermutation: number }} MetricComparison */
/** @typedef {{ dataset: string, a: string, b: string, queries: number, resamples: number, seed: number, metrics: MetricComparison[] }} EvalComparison GET /api/eval/compare */

// ——— Configuration, settings and watched folders (config-routes.ts, settings-routes.ts, watch-routes.ts) ———

/**
 * GET /api/config (providersInUse; `config` is the redacted configuration, shown as JSON).
 * @typedef {object} ConfigResponse
 * @property {string} version
 * @property {{ namespace: string, topK: number } & Record<string, unknown>} config
 * @property {object} providers
 * @property {{ name: string, dimensions: number, source: string, notice?: string }} providers.embedder
 * @property {{ name: string, model: string } | null} providers.llm
 * @property {{ name: string }} providers.vectorStore
 * @property {string} providers.propositionizer
 * @property {'llm' | 'extractive'} providers.answerMode
 * @property {{ enabled: boolean, router: boolean, gate: boolean, reranker: boolean, stage2Llm: boolean }} providers.moe
 */
/**
 * One editable setting (EditableSetting plus what the server knows of its value).
 * @typedef {object} Setting
 * @property {string} path
 * @property {string} label
 * @property {'string' | 'number' | 'boolean' | 'enum'} kind
 * @property {string[]} [options]
 * @property {boolean} secret
 * @property {unknown} value null for a secret (write-only)
 * @property {boolean} [set] for a secret: whether one is set
 * @property {boolean} saved
 * @property {boolean} pending saved, applies after a restart
 */
/** @typedef {{ file: string, settings: Setting[] }} SettingsResponse GET /api/settings */
/** @typedef {SettingsResponse & { restartRequired: boolean, message: string }} SettingsSaved PUT /api/settings */
/** @typedef {{ ok: boolean, models: string[], message: string }} ConnectionTest POST /api/settings/test-connection */
/**
 * @typedef {object} WatchStatus
 * @property {string} folder
 * @property {'starting' | 'watching' | 'error' | 'stopped'} state
 * @property {string | null} lastPassAt
 * @property {number} files
 * @property {number} documents
 * @property {Array<{ path: string, code: string, message: string }>} errors
 * @property {string | null} problem
 */
/** @typedef {{ folders: string[], status: WatchStatus[], message?: string }} WatchResponse GET and PUT /api/watch */

// ——— Security (security-status-route.ts) ———

/** @typedef {{ chatPerMinute: number, uploadPerMinute: number, loginPerMinute: number, maxQuestionChars: number, maxConcurrentStreams: number, dailyBudgetUsd: number }} Limits */
/** @typedef {{ time: string, level: string, tag: string, type: string, user: string | null, ip: string | null, requestId: string | null, details: Record<string, unknown> }} AuditRecord a line of the audit log */
/** @typedef {{ kind: 'account' | 'address', key: string, failures: number, retryAfterMs: number }} Lockout */
/**
 * GET /api/security/status.
 * @typedef {object} SecurityStatus
 * @property {boolean} authEnabled
 * @property {number} users
 * @property {string} sessionStore
 * @property {string} rateLimiter
 * @property {Limits} limits
 * @property {number} rateLimitHits
 * @property {Lockout[]} lockouts
 * @property {number} disabledUsers
 * @property {Record<string, number>} eventCounts
 * @property {AuditRecord[]} recentEvents
 */

export {};
