export { openDatabase, applyMigrations, type Db } from './open-database.ts';
export { DocumentRepository, type StoredDocument, type PendingDocument, type IngestJob } from './document-repository.ts';
export { LedgerRepository, type LedgerEntry, type LedgerTotals } from './ledger-repository.ts';
export { OriginalNames } from './original-names.ts';
export { ChatRepository, type ChatSession, type ChatMessageRecord } from './chat-repository.ts';
export type { Migration } from './migrations.ts';
export { CollectionRepository, type Collection } from './collection-repository.ts';
