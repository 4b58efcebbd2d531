/**
 * A model hub URL that refuses at once (a closed local port): tests that build the default config
 * (EMBEDDER=auto) get BM25-only retrieval without ever reaching the real hub.
 */
export const UNREACHABLE_HUB_URL = 'http://127.0.0.1:9';
