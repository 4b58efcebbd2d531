export { createSqliteVectorStore, dropSqliteVectorTables, SqliteVectorStore, type SqliteVectorStoreOptions } from './sqlite-vector-store.ts';
export { FTS_TOKENIZE, ftsQuery } from './fts-query.ts';
