/**
 * Answers a question: rewrite follow-ups → retrieve → (LLM stream | extractive) → check
 * citations → ledger. Every citation the user sees has been verified against the spans
 * retrieved for this answer and the store.
 */
import { randomUUID } from 'node:crypto';
import type { CitationRef } from '../domain/index.ts';
import { PropoError, isPropoError } from '../errors/index.ts';
import type { LlmProvider, LlmUsage } from '../ports/llm.ts';
import type { RetrievalResult } from '../retrieval/hybrid-search.ts';
import { NO_MATCH_ANSWER, type AnswerResult, type AskOptions, type AnswerUsage } from './answer-types.ts';
import { buildAnswerMessages, type PromptSource } from './build-prompt.ts';
import { checkCitations, createCitationVerifier } from './citation-checker.ts';
import { CitationStreamFilter } from './citation-stream-filter.ts';
import { composeExtractiveAnswer, type ListLookup } from './extractive-answer.ts';
import { rewriteQuestion } from './rewrite-question.ts';

export interface AnswererDeps {
  retrieve: (query: string, options: { k: number; documentIds?: string[]; namespace?: string; signal?: AbortSignal }) => Promise<RetrievalResult & { rerankMs?: number; metadata?: Record<string, unknown> }>;
  llm: LlmProvider | null;
  spanExists: (ref: CitationRef) => boolean;
  estimateTokens: (text: string) => number;
  costUsd: (usage: LlmUsage, model: string) => number | null;
  record?: (result: AnswerResult, context: { sessionId?: string; user?: string }) => void;
  threshold: number;
  defaultK: number;
  /** List items for extractive answers (a cited sentence that introduces or belongs to a list). */
  lists?: ListLookup;
  maxTokens?: number;
  temperature?: number;
}

export function createAnswerer(deps: AnswererDeps) {
  return async function ask(question: string, options: AskOptions = {}): Promise<AnswerResult> {
    const id = `ans_${randomUUID()}`;
    const started = performance.now();
    const history = options.history ?? [];
    const searchedQuestion = await rewriteQuestion(question, history, deps.llm, options.signal);
    options.onEvent?.({ type: 'answer-start', id, searchedQuestion });
    const retrieval = await deps.retrieve(searchedQuestion, {
      k: options.k ?? deps.defaultK,
      ...(options.documentIds ? { documentIds: options.documentIds } : {}),
      ...(options.namespace ? { namespace: options.namespace } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const timings = { embedMs: retrieval.timings.embedMs, retrieveMs: retrieval.timings.retrieveMs, rerankMs: retrieval.rerankMs ?? 0, firstTokenMs: null as number | null, totalMs: 0 };
    const spans: PromptSource[] = retrieval.hits.map((h) => ({
      file: h.record.file, page: h.record.page, start: h.record.start, end: h.record.end, text: h.record.text,
      documentId: h.record.documentId, propositionId: h.id, paragraphId: h.record.paragraphId,
      ...(h.paragraph ? { context: h.paragraph.text } : {}),
    }));
    const verify = createCitationVerifier(spans, deps.spanExists);
    const model = deps.llm?.model ?? 'extractive';
    let usage: AnswerUsage = { promptTokens: 0, completionTokens: 0, costUsd: 0, estimated: false, model };
    const finish = (answer: string, mode: AnswerResult['mode'], citations: AnswerResult['citations'], rejected: number): AnswerResult => {
      timings.totalMs = performance.now() - started;
      const result: AnswerResult = { id, question, searchedQuestion, answer, mode, citations, usage, timings, rejectedCitations: rejected, metadata: { confidence: retrieval.confidence, retrieved: retrieval.hits.length, ...(retrieval.metadata ?? {}) } };
      deps.record?.(result, { ...(options.sessionId ? { sessionId: options.sessionId } : {}), ...(options.user ? { user: options.user } : {}) });
      options.onEvent?.({ type: 'answer-end', result });
      return result;
    };

    const gate = retrieval.metadata?.['gate'] as { decision?: string; reply?: string } | undefined;
    if (spans.length === 0 && gate?.decision === 'skip' && gate.reply) {
      // Small talk: the MoE gate answered without retrieving anything.
      options.onEvent?.({ type: 'answer-delta', text: gate.reply });
      return finish(gate.reply, 'no-match', [], 0);
    }
    if (spans.length === 0 || retrieval.confidence < deps.threshold) {
      options.onEvent?.({ type: 'answer-delta', text: NO_MATCH_ANSWER });
      return finish(NO_MATCH_ANSWER, 'no-match', [], 0);
    }

    if (!deps.llm) {
      // Quote only hits that share the question's terms about as well as the best one does.
      const best = retrieval.hits[0]?.coverage ?? 0;
      const relevant = spans.filter((_, i) => i === 0 || ((retrieval.hits[i]?.coverage ?? 0) > 0 && (retrieval.hits[i]?.coverage ?? 0) >= 0.5 * best));
      const composed = composeExtractiveAnswer(relevant, deps.lists);
      if (!composed) {
        options.onEvent?.({ type: 'answer-delta', text: NO_MATCH_ANSWER });
        return finish(NO_MATCH_ANSWER, 'no-match', [], 0);
      }
      // List items quoted beside the retrieved spans are stored propositions too: verify them the same way.
      const checked = checkCitations(composed.text, createCitationVerifier([...spans, ...composed.quoted], deps.spanExists));
      options.onEvent?.({ type: 'answer-delta', text: checked.text });
      timings.firstTokenMs = performance.now() - started;
      return finish(checked.text, 'extractive', checked.citations, checked.rejected);
    }

    const messages = buildAnswerMessages(searchedQuestion, spans, history);
    const filter = new CitationStreamFilter(verify);
    let raw = '';
    let reported: LlmUsage | null = null;
    try {
      for await (const event of deps.llm.stream({ messages, ...(deps.maxTokens ? { maxTokens: deps.maxTokens } : {}), ...(deps.temperature !== undefined ? { temperature: deps.temperature } : {}), ...(options.signal ? { signal: options.signal } : {}) })) {
        if (event.type === 'answer-delta') {
          if (timings.firstTokenMs === null) timings.firstTokenMs = performance.now() - started;
          raw += event.text;
          const visible = filter.push(event.text);
          if (visible) options.onEvent?.({ type: 'answer-delta', text: visible });
        } else {
          reported = event.usage;
        }
      }
    } catch (error) {
      if (isPropoError(error)) throw error;
      throw new PropoError('PROPO_ERR_LLM_UNAVAILABLE', `The LLM failed while answering: ${(error as Error).message}`, { cause: error });
    }
    const tail = filter.end();
    if (tail) options.onEvent?.({ type: 'answer-delta', text: tail });
    const llmUsage: LlmUsage = reported ?? { promptTokens: deps.estimateTokens(messages.map((m) => m.content).join('\n')), completionTokens: deps.estimateTokens(raw), estimated: true };
    usage = { promptTokens: llmUsage.promptTokens, completionTokens: llmUsage.completionTokens, costUsd: llmUsage.costUsd ?? deps.costUsd(llmUsage, model), estimated: llmUsage.estimated, model };
    const checked = checkCitations(raw, verify);
    if (checked.citations.length === 0) return finish(NO_MATCH_ANSWER, 'no-match', [], checked.rejected);
    return finish(checked.text, 'llm', checked.citations, checked.rejected);
  };
}

export type Answerer = ReturnType<typeof createAnswerer>;
