/**
 * Answer cache: a finished answer keyed by namespace + normalised question + corpus version,
 * so any ingestion or deletion (which changes the corpus version) makes old answers unreachable.
 */
import { sha256Hex } from '../../../core/domain/ids.ts';

export interface AnswerCache<T = unknown> {
  get(key: string): Promise<T | undefined>;
  set(key: string, value: T, ttlSeconds?: number): Promise<void>;
}

/** Lower-case, NFKC, single spaces, no trailing `?!.`: "What is X? " and "what is  x" share a key. */
export function normaliseQuestion(question: string): string {
  return question.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim().replace(/[\s?!.]+$/u, '');
}

export interface AnswerKeyInput {
  namespace: string;
  question: string;
  corpusVersion: string;
  /** Anything else that changes the answer (mode, model, k); default ''. */
  variant?: string;
}

export function answerCacheKey(input: AnswerKeyInput): string {
  return `ans:${input.namespace}:${input.corpusVersion}:${sha256Hex(`${input.variant ?? ''}\u0000${normaliseQuestion(input.question)}`).slice(0, 32)}`;
}

/** Corpus version from the visible documents (id + last update), order-independent. */
export function corpusVersion(documents: ReadonlyArray<{ id: string; updatedAt: string }>): string {
  return sha256Hex(documents.map((d) => `${d.id}@${d.updatedAt}`).sort().join('\n')).slice(0, 16);
}
