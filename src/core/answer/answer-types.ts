/** What an answer is made of, shared by the answerers, the CLI, the HTTP API and the web UI. */
import type { ChatMessage } from '../ports/llm.ts';

export interface ResolvedCitation {
  /** The marker as it appears in the answer text, e.g. `[paper.pdf:3:120-245]`. */
  marker: string;
  file: string;
  page: number;
  start: number;
  end: number;
  /** Exact span text: pageText.slice(start, end). */
  text: string;
  documentId: string;
  propositionId: string;
  paragraphId: string;
}

/** One sentence of an LLM answer and how its citations support it (issue 12.6). */
export interface AnswerSentence {
  /** The sentence, citation markers included: `answer.slice(start, end)`. */
  text: string;
  start: number;
  end: number;
  /** Verified citation markers in the sentence. */
  citations: string[];
  /** False when the sentence carries no verified citation (shown marked as unsupported). */
  supported: boolean;
  /** 0..1 for a supported sentence (see `support.method`), null for an unsupported one. */
  support: number | null;
}

export interface AnswerSupport {
  method: 'lexical' | 'cross-encoder';
  /** `mark` keeps unsupported sentences (flagged), `drop` removes them (config llm.unsupportedSentences). */
  policy: 'mark' | 'drop';
  unsupported: number;
  dropped: number;
}

export interface AnswerUsage {
  promptTokens: number;
  completionTokens: number;
  costUsd: number | null;
  estimated: boolean;
  model: string;
}

export interface AnswerTimings {
  embedMs: number;
  retrieveMs: number;
  rerankMs: number;
  firstTokenMs: number | null;
  totalMs: number;
}

export interface AnswerResult {
  id: string;
  question: string;
  /** The stand-alone question actually searched (after follow-up rewriting). */
  searchedQuestion: string;
  answer: string;
  mode: 'llm' | 'extractive' | 'no-match';
  citations: ResolvedCitation[];
  usage: AnswerUsage;
  timings: AnswerTimings;
  /** Citations removed by the checker (invented, malformed, not retrieved). */
  rejectedCitations: number;
  /** LLM answers: every sentence with its citations and support; empty for extractive and no-match answers. */
  sentences: AnswerSentence[];
  /** LLM answers: how support was scored and how many sentences lacked it. */
  support?: AnswerSupport;
  /** Stage decisions (MoE routing, gate, reranker) for display and metrics. */
  metadata: Record<string, unknown>;
}

export type AnswerEvent =
  | { type: 'answer-start'; id: string; searchedQuestion: string }
  | { type: 'answer-delta'; text: string }
  | { type: 'answer-end'; result: AnswerResult };

export interface AskOptions {
  history?: ChatMessage[];
  k?: number;
  documentIds?: string[];
  /** A collection's system prompt: extra instructions placed after the fixed rules (which it cannot lift). */
  instructions?: string;
  namespace?: string;
  signal?: AbortSignal;
  onEvent?: (event: AnswerEvent) => void;
  sessionId?: string;
  user?: string;
}

export const NO_MATCH_ANSWER = 'No strong match found.';
