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
  namespace?: string;
  signal?: AbortSignal;
  onEvent?: (event: AnswerEvent) => void;
  sessionId?: string;
  user?: string;
}

export const NO_MATCH_ANSWER = 'No strong match found.';
