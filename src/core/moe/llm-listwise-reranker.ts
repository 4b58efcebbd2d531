/**
 * Stage-2 listwise reranking by an LLM (RankGPT-style). The candidates are shown numbered
 * `[1] … [n]`; the LLM answers with an order such as `[3] > [1] > [2]`. Longer lists are ranked in
 * sliding windows of `batchSize` (step batchSize/2) from the bottom up, so strong candidates bubble to
 * the top. Permutations are cached (LRU) by query + the ids of the window, in order.
 * Any failure (LLM error, reply that is not a permutation) throws; the caller keeps the stage-1 order.
 */
import { PropoError } from '../errors/index.ts';
import type { ChatMessage, LlmProvider } from '../ports/llm.ts';
import type { RetrievedHit } from '../retrieval/hybrid-search.ts';
import { LruCache } from './lru-cache.ts';

export interface ListwiseRerankerOptions {
  llm: LlmProvider;
  /** Candidates per LLM call (default 16). */
  batchSize?: number;
  /** Cached permutations (default 256). */
  cacheSize?: number;
  /** Characters of each candidate shown to the LLM (default 400). */
  maxCharsPerCandidate?: number;
}

export interface ListwiseReranker {
  /** Reorders `hits`; `calls` counts LLM calls made, `cached` windows served from the cache. */
  rerank(query: string, hits: readonly RetrievedHit[], signal?: AbortSignal): Promise<{ hits: RetrievedHit[]; calls: number; cached: number }>;
}

/**
 * Reads a permutation of 1..n from an LLM reply. Numbers are taken in order of appearance; repeats
 * are ignored; candidates not mentioned keep their relative order after the mentioned ones.
 * Throws PROPO_ERR_LLM_BAD_RESPONSE when the reply names fewer than two candidates or a number outside 1..n.
 */
export function parsePermutation(reply: string, n: number): number[] {
  const numbers = (reply.match(/\d+/gu) ?? []).map(Number);
  const seen: number[] = [];
  for (const value of numbers) {
    if (value < 1 || value > n) throw new PropoError('PROPO_ERR_LLM_BAD_RESPONSE', `The reranking reply names candidate ${value}, but there are ${n}.`);
    if (!seen.includes(value)) seen.push(value);
  }
  if (seen.length < Math.min(2, n)) throw new PropoError('PROPO_ERR_LLM_BAD_RESPONSE', 'The reranking reply is not an ordering of the candidates.');
  const rest = Array.from({ length: n }, (_, i) => i + 1).filter((i) => !seen.includes(i));
  return [...seen, ...rest].map((i) => i - 1);
}

/** The prompt for one window. */
export function listwiseMessages(query: string, passages: readonly string[]): ChatMessage[] {
  const numbered = passages.map((p, i) => `[${i + 1}] ${p}`).join('\n');
  return [
    { role: 'system', content: 'You rank passages by how well they answer a search query. Reply only with the passage numbers, most relevant first, like: [2] > [1] > [3]' },
    { role: 'user', content: `Query: ${query}\n\nPassages:\n${numbered}\n\nRank all ${passages.length} passages.` },
  ];
}

export function createListwiseReranker(options: ListwiseRerankerOptions): ListwiseReranker {
  const batchSize = Math.max(2, options.batchSize ?? 16);
  const maxChars = options.maxCharsPerCandidate ?? 400;
  const cache = new LruCache<number[]>(options.cacheSize ?? 256);

  const ask = async (query: string, window: readonly RetrievedHit[], signal?: AbortSignal): Promise<number[]> => {
    let reply = '';
    for await (const event of options.llm.stream({ messages: listwiseMessages(query, window.map((h) => h.record.text.slice(0, maxChars))), temperature: 0, maxTokens: 8 * window.length + 16, ...(signal ? { signal } : {}) })) {
      if (event.type === 'answer-delta') reply += event.text;
    }
    return parsePermutation(reply, window.length);
  };

  return {
    async rerank(query, hits, signal) {
      const order = [...hits];
      let calls = 0;
      let cached = 0;
      const step = Math.max(1, Math.floor(batchSize / 2));
      let end = order.length;
      for (;;) {
        const start = Math.max(0, end - batchSize);
        const window = order.slice(start, end);
        const key = `${query}\u0000${window.map((h) => h.id).join('\u0001')}`;
        let permutation = cache.get(key);
        if (permutation) cached += 1;
        else { permutation = await ask(query, window, signal); calls += 1; cache.set(key, permutation); }
        const reordered = permutation.map((i) => window[i] as RetrievedHit);
        order.splice(start, window.length, ...reordered);
        if (start === 0) break;
        end -= step;
      }
      return { hits: order, calls, cached };
    },
  };
}
