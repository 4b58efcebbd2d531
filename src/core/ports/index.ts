export type { Embedder } from './embedder.ts';
export type { DocumentParser, ParseOptions } from './parser.ts';
export type { VectorStore, VectorFilter, IndexIdentity } from './vector-store.ts';
export type { LlmProvider, LlmRequest, LlmEvent, LlmUsage, ChatMessage } from './llm.ts';
export type { DocumentStore, StoredDocument, PendingDocument, IngestJob } from './document-store.ts';
