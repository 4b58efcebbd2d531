/** Per-model-family defaults for pooling and query instructions (from the model cards). */

/** The instruction BGE English v1.5 models expect before retrieval queries (not before passages). */
export const BGE_QUERY_INSTRUCTION = 'Represent this sentence for searching relevant passages: ';

function isBge(model: string): boolean {
  return /(^|\/)bge-/i.test(model);
}

/** BGE models are trained with [CLS] pooling; sentence-transformers models (MiniLM, mpnet, e5, gte) with mean pooling. */
export function defaultPooling(model: string): 'cls' | 'mean' {
  return isBge(model) ? 'cls' : 'mean';
}

/** BGE English models use the retrieval instruction for queries; other families get none by default. */
export function defaultQueryInstruction(model: string): string {
  return isBge(model) && !/-zh/i.test(model) ? BGE_QUERY_INSTRUCTION : '';
}
