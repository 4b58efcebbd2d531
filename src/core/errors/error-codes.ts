/**
 * The catalogue of error codes: each code's HTTP status and whether a retry can help.
 * docs/errors.md is generated from this table (scripts/gen-error-docs.ts) and a test checks they agree.
 */
export interface ErrorSpec {
  httpStatus: number;
  retryable: boolean;
  summary: string;
}

export const ERROR_CATALOGUE = {
  PROPO_ERR_INTERNAL: { httpStatus: 500, retryable: false, summary: 'Unexpected internal failure; see logs/app.log with the request id.' },
  PROPO_ERR_CONFIG_INVALID: { httpStatus: 500, retryable: false, summary: 'Configuration failed validation; every problem is listed with its key and fix.' },
  PROPO_ERR_VALIDATION: { httpStatus: 400, retryable: false, summary: 'A request or command argument is malformed.' },
  PROPO_ERR_NOT_FOUND: { httpStatus: 404, retryable: false, summary: 'The document, session, citation or route does not exist.' },
  PROPO_ERR_CONFLICT: { httpStatus: 409, retryable: false, summary: 'The operation conflicts with the current state (e.g. restore into a non-empty data dir).' },
  PROPO_ERR_UNSUPPORTED_TYPE: { httpStatus: 415, retryable: false, summary: 'The file is not PDF, TXT, Markdown, DOCX, HTML, EPUB, PNG or JPEG (by content and extension).' },
  PROPO_ERR_EMPTY_FILE: { httpStatus: 422, retryable: false, summary: 'The file has no bytes or no extractable text.' },
  PROPO_ERR_FILE_TOO_LARGE: { httpStatus: 413, retryable: false, summary: 'The file exceeds MAX_FILE_SIZE_MB.' },
  PROPO_ERR_PDF_ENCRYPTED: { httpStatus: 422, retryable: false, summary: 'The PDF is password-protected; supply the password.' },
  PROPO_ERR_PDF_CORRUPT: { httpStatus: 422, retryable: false, summary: 'The PDF is damaged and cannot be read.' },
  PROPO_ERR_PDF_NO_TEXT: { httpStatus: 422, retryable: false, summary: 'The PDF has no text layer (scanned images) and OCR is off, unavailable or found no text.' },
  PROPO_ERR_OCR_OFF: { httpStatus: 422, retryable: false, summary: 'The file is an image and OCR is off for this ingest; ingest it with OCR auto.' },
  PROPO_ERR_OCR_UNAVAILABLE: { httpStatus: 503, retryable: false, summary: 'OCR cannot run here (tesseract.js, its English model or the PDF renderer is missing).' },
  PROPO_ERR_OCR_LIMITS: { httpStatus: 422, retryable: false, summary: 'The image is larger than ingest.ocrMaxMegapixels, the bound that keeps OCR memory in check.' },
  PROPO_ERR_URL_REFUSED: { httpStatus: 422, retryable: false, summary: 'The URL is not fetched: not http(s), credentials in it, too many redirects, or it (or a redirect) resolves to a private, loopback or link-local address not allowed in web.allowedNetworks.' },
  PROPO_ERR_URL_FETCH: { httpStatus: 502, retryable: true, summary: 'The web page could not be fetched (DNS failure, connection error or an HTTP error status).' },
  PROPO_ERR_PDF_LIMITS: { httpStatus: 422, retryable: false, summary: 'The PDF exceeds a safety limit (pages, nesting, decompressed size).' },
  PROPO_ERR_DOCX_CORRUPT: { httpStatus: 422, retryable: false, summary: 'The Word document is damaged or not a .docx (legacy .doc and password-protected files are refused).' },
  PROPO_ERR_EPUB_CORRUPT: { httpStatus: 422, retryable: false, summary: 'The EPUB is damaged: no container, package document or readable chapters.' },
  PROPO_ERR_EPUB_ENCRYPTED: { httpStatus: 422, retryable: false, summary: 'The EPUB is DRM-protected; ingest a DRM-free copy.' },
  PROPO_ERR_PARSE_TIMEOUT: { httpStatus: 422, retryable: false, summary: 'Parsing took longer than the configured time bound.' },
  PROPO_ERR_PARSE_MEMORY: { httpStatus: 422, retryable: false, summary: 'Parsing exceeded the configured memory bound.' },
  PROPO_ERR_SPAN_INVARIANT: { httpStatus: 500, retryable: false, summary: 'A proposition span does not match its page text; nothing was written.' },
  PROPO_ERR_EMBEDDER_MISMATCH: { httpStatus: 409, retryable: false, summary: 'The index was built by another embedder; run `bin/propo reindex`.' },
  PROPO_ERR_EMBEDDER_UNAVAILABLE: { httpStatus: 503, retryable: true, summary: 'The embedder could not be loaded or reached.' },
  PROPO_ERR_DISK_FULL: { httpStatus: 507, retryable: true, summary: 'The data directory is out of disk space; reads keep working, writes resume once space is freed.' },
  PROPO_ERR_STORE_UNAVAILABLE: { httpStatus: 503, retryable: true, summary: 'A store (SQLite, LanceDB, Pinecone, Redis) is unavailable.' },
  PROPO_ERR_LLM_UNAVAILABLE: { httpStatus: 503, retryable: true, summary: 'The LLM provider failed or is unreachable.' },
  PROPO_ERR_LLM_RATE_LIMITED: { httpStatus: 429, retryable: true, summary: 'The LLM provider is rate limiting; retry after the given time.' },
  PROPO_ERR_LLM_AUTH: { httpStatus: 502, retryable: false, summary: 'The LLM provider refused the API key.' },
  PROPO_ERR_LLM_BAD_RESPONSE: { httpStatus: 502, retryable: true, summary: 'The LLM provider sent something that is not the expected wire format.' },
  PROPO_ERR_CIRCUIT_OPEN: { httpStatus: 503, retryable: true, summary: 'A circuit breaker is open after repeated failures; it retries shortly.' },
  PROPO_ERR_TIMEOUT: { httpStatus: 504, retryable: true, summary: 'An operation exceeded its time limit.' },
  PROPO_ERR_ABORTED: { httpStatus: 499, retryable: false, summary: 'The operation was cancelled by the caller.' },
  PROPO_ERR_UNAUTHENTICATED: { httpStatus: 401, retryable: false, summary: 'Log in or send a valid API token.' },
  PROPO_ERR_FORBIDDEN: { httpStatus: 403, retryable: false, summary: 'Your role does not allow this.' },
  PROPO_ERR_CSRF: { httpStatus: 403, retryable: false, summary: 'Missing or wrong CSRF token on a state-changing request.' },
  PROPO_ERR_RATE_LIMITED: { httpStatus: 429, retryable: true, summary: 'Too many requests; retry after Retry-After seconds.' },
  PROPO_ERR_ACCOUNT_LOCKED: { httpStatus: 429, retryable: true, summary: 'Too many failed logins; the account is locked for a while.' },
  PROPO_ERR_BUDGET_EXCEEDED: { httpStatus: 402, retryable: false, summary: 'The daily LLM spend budget is used up.' },
  PROPO_ERR_PAYLOAD_TOO_LARGE: { httpStatus: 413, retryable: false, summary: 'The request body or question is too long.' },
  PROPO_ERR_PINECONE: { httpStatus: 502, retryable: true, summary: 'Pinecone refused or failed a request.' },
  PROPO_ERR_BACKUP: { httpStatus: 500, retryable: false, summary: 'A backup could not be written or verified.' },
  PROPO_ERR_MIGRATION: { httpStatus: 500, retryable: true, summary: 'A migration between vector stores failed verification.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
