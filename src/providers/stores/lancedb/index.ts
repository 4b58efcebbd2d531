export { createLanceDbStore, LanceDbStore, DEFAULT_FTS_OPTIONS, type LanceDbStoreOptions } from './lancedb-store.ts';
export { listTables, dropTable } from './lancedb-tables.ts';
export { createLanceDbUnitTablesStore, LanceDbUnitTablesStore, paragraphTableOf } from './unit-tables-store.ts';
