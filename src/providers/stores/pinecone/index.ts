export { createPineconeStore, PineconeStore, type PineconeStoreOptions } from './pinecone-store.ts';
export { createPineconeStoreFromConfig } from './create-pinecone-store-from-config.ts';
export { checkPinecone, type PineconeCheck } from './check-pinecone.ts';
export { exportPineconeVectors, restorePineconeVectors, type VectorBackupReport } from './pinecone-backup.ts';
export { PineconeHttpError, toPineconeError } from './pinecone-http-error.ts';
