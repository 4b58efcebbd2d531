/**
 * Token estimation without a tokenizer, for budgets and for usage when a server reports none.
 *
 * Heuristic (BPE tokenizers such as cl100k/o200k on English and code):
 * - a character estimate, non-space characters / 4 (OpenAI's "about 4 characters per token"),
 * - a word estimate, 1.33 tokens per word ("about 3/4 of a word per token"), where a run of
 *   punctuation counts as its own word because tokenizers split it off,
 * - the two are averaged: the character estimate undercounts short-word text and the word
 *   estimate undercounts long identifiers and numbers, so the mean is within ~10-15% on prose;
 * - CJK, kana and hangul characters cost about one token each and are counted separately.
 * An estimate is marked `estimated: true` wherever it is reported.
 */
import type { ChatMessage } from '../ports/index.ts';

const WIDE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/gu;
const WORDS = /[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]+/gu;

/** Estimated token count of `text` (0 for the empty string). */
export function estimateTokens(text: string): number {
  if (text === '') return 0;
  const wide = text.match(WIDE)?.length ?? 0;
  const rest = wide > 0 ? text.replace(WIDE, ' ') : text;
  const chars = rest.replace(/\s+/g, '').length;
  if (chars === 0) return wide;
  const words = rest.match(WORDS)?.length ?? 0;
  const estimate = (chars / 4 + words * 1.33) / 2;
  return wide + Math.max(1, Math.round(estimate));
}

/** Per-message framing the chat format adds (role, separators), as in OpenAI's counting guide. */
const MESSAGE_OVERHEAD = 4;
const REPLY_PRIMING = 3;

/** Estimated prompt tokens of a chat request. */
export function estimateMessagesTokens(messages: readonly ChatMessage[]): number {
  let total = REPLY_PRIMING;
  for (const message of messages) total += MESSAGE_OVERHEAD + estimateTokens(message.content);
  return total;
}
