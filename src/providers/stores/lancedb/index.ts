export { createLanceDbStore, LanceDbStore, DEFAULT_FTS_OPTIONS, type LanceDbStoreOptions } from './lancedb-store.ts';
export { listTables, dropTable } from './lancedb-tables.ts';
