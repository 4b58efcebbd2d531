/**
 * Answers a question: rewrite follow-ups → retrieve → (LLM stream | extractive) → check
 * citations → ledger. Every citation the user sees has been verified against the spans
 * retrieved for this answer and the store.
 */
import { randomUUID } from 'node:crypto';
import type { CitationRef } from '../domain/index.ts';
import type { LlmProvider, LlmUsage } from '../ports/llm.ts';
import { questionShape } from '../retrieval/answer-type.ts';
import type { RetrievalResult } from '../retrieval/hybrid-search.ts';
import { NO_MATCH_ANSWER, type AnswerResult, type AskOptions, type AnswerUsage } from './answer-types.ts';
import { buildAnswerMessages, type PromptSource } from './build-prompt.ts';
import { checkCitations, createCitationVerifier } from './citation-checker.ts';
import { composeExtractiveAnswer, type ListLookup } from './extractive-answer.ts';
import type { EvidenceFinding } from './evidence-coverage.ts';
import { streamLlmAnswer } from './llm-answer.ts';
import { mentionsRequired, planSearch } from './rewrite-question.ts';
import type { UnsupportedSentences } from './sentence-gate.ts';
import { lexicalSupport, type SupportScorer } from './sentence-support.ts';

export interface AnswererDeps {
  retrieve: (query: string, options: { k: number; documentIds?: string[]; namespace?: string; signal?: AbortSignal }) => Promise<RetrievalResult & { rerankMs?: number; metadata?: Record<string, unknown> }>;
  llm: LlmProvider | null;
  spanExists: (ref: CitationRef) => boolean;
  estimateTokens: (text: string) => number;
  costUsd: (usage: LlmUsage, model: string) => number | null;
  record?: (result: AnswerResult, context: { sessionId?: string; user?: string }) => void;
  threshold: number;
  /**
   * The calibrated evidence test (decision 0045): IDF-weighted share of the searched question's
   * terms held by one of the first cited paragraphs; below `threshold` the answer is no match.
   */
  evidence?: {
    find: (question: string, evidence: readonly string[], sentences: readonly string[]) => EvidenceFinding;
    threshold: number; hits: number; rarest: boolean; names: boolean;
    /**
     * Refuse when a name of the question that at most this share of the library's paragraphs holds is in
     * none of the evidence texts (-1 = off; 0 = only names the library never has; decision 0085).
     */
    rareNames?: number;
    /** Refuse when a how-many (number) / when (date) question gets no cited sentence of that type (decision 0085). */
    answerType?: readonly ('number' | 'date')[];
  };
  defaultK: number;
  /** List items for extractive answers (a cited sentence that introduces or belongs to a list). */
  lists?: ListLookup;
  /** Extractive answers quote the first spans in retrieval order, not one per paragraph (retrieval chose them across paragraphs; decision 0080). */
  quoteInOrder?: boolean;
  /**
   * The first this many hits were chosen by answer score (citations across paragraphs, decision 0080) and are quoted
   * whatever their share of the question's terms; later hits need about the best one's share (default 1; decision 0124).
   */
  chosenHits?: number;
  /** Extractive answers cite a chosen list item before the rest of its list (decision 0146; default false). */
  chosenItemFirst?: boolean;
  maxTokens?: number;
  temperature?: number;
  /** LLM sentences without a verified citation: shown marked (default) or dropped. */
  unsupportedSentences?: UnsupportedSentences;
  /** Scores each cited sentence against its spans (default: lexical overlap). */
  support?: SupportScorer;
}

export function createAnswerer(deps: AnswererDeps) {
  return async function ask(question: string, options: AskOptions = {}): Promise<AnswerResult> {
    const id = `ans_${randomUUID()}`;
    const started = performance.now();
    const history = options.history ?? [];
    const plan = await planSearch(question, history, deps.llm, options.signal);
    const searchedQuestion = plan.searched;
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
    // Each cited proposition with its paragraph and its document's name (a question may name the document: "… of Pride and Prejudice?").
    // The evidence test reads the hits in ranking order, as it was fitted (decisions 0045, 0085): citations chosen
    // across paragraphs (decision 0080) put a lower paragraph's sentence first, but each hit keeps its paragraph's score.
    const ranked = spans.map((span, index) => ({ span, index, score: retrieval.hits[index]?.score ?? 0 }))
      .sort((a, b) => b.score - a.score || a.index - b.index).map((entry) => entry.span);
    const cited = ranked.slice(0, deps.evidence?.hits ?? 0);
    const evidence = deps.evidence ? deps.evidence.find(searchedQuestion, cited.map((s) => `${s.file}\n${s.context ?? ''}\n${s.text}`), cited.map((s) => s.text)) : null;
    const model = deps.llm?.model ?? 'extractive';
    let usage: AnswerUsage = { promptTokens: 0, completionTokens: 0, costUsd: 0, estimated: false, model };
    const finish = (answer: string, mode: AnswerResult['mode'], citations: AnswerResult['citations'], rejected: number, support: Pick<AnswerResult, 'sentences' | 'support'> = { sentences: [] }): AnswerResult => {
      timings.totalMs = performance.now() - started;
      const result: AnswerResult = { id, question, searchedQuestion, answer, mode, citations, usage, timings, rejectedCitations: rejected, ...support, metadata: { confidence: retrieval.confidence, ...(evidence !== null ? { evidence } : {}), retrieved: retrieval.hits.length, ...(retrieval.metadata ?? {}) } };
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
    // The no-match decision is about what was searched; a follow-up naming something new needs evidence that names it.
    const namesNewTopic = mentionsRequired(retrieval.hits.slice(0, 3).map((h) => h.paragraph?.text ?? h.record.text), plan.requiredTerms);
    // With the evidence test on, it replaces the retrieval confidence (unbounded BM25 / blended scores) as the no-match decision.
    const weak = evidence !== null && deps.evidence
      ? evidence.coverage < deps.evidence.threshold || (deps.evidence.rarest && !evidence.rarestCovered) || (deps.evidence.names && evidence.unknownNames.length > 0)
        || (evidence.missingNameShare >= 0 && evidence.missingNameShare <= (deps.evidence.rareNames ?? -1))
        || (!evidence.typedAnswer && (deps.evidence.answerType ?? []).some((type) => type === evidence.answerType))
      : retrieval.confidence < deps.threshold;
    if (spans.length === 0 || weak || !namesNewTopic) {
      options.onEvent?.({ type: 'answer-delta', text: NO_MATCH_ANSWER });
      return finish(NO_MATCH_ANSWER, 'no-match', [], 0);
    }

    if (!deps.llm) {
      // Quote only hits that share the question's terms about as well as the best one does.
      const best = retrieval.hits[0]?.coverage ?? 0;
      const chosen = Math.max(1, deps.chosenHits ?? 1);
      const relevant = spans.filter((_, i) => i < chosen || ((retrieval.hits[i]?.coverage ?? 0) > 0 && (retrieval.hits[i]?.coverage ?? 0) >= 0.5 * best));
      const composed = composeExtractiveAnswer(relevant, deps.lists, { onePerParagraph: !deps.quoteInOrder, listFirst: questionShape(searchedQuestion).list, chosenItemFirst: deps.chosenItemFirst ?? false });
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

    const messages = buildAnswerMessages(searchedQuestion, spans, history, options.instructions);
    const llmAnswer = await streamLlmAnswer({
      llm: deps.llm, messages, verify, unsupportedSentences: deps.unsupportedSentences ?? 'mark', support: deps.support ?? lexicalSupport,
      ...(deps.maxTokens ? { maxTokens: deps.maxTokens } : {}),
      ...(deps.temperature !== undefined ? { temperature: deps.temperature } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onDelta: (text) => options.onEvent?.({ type: 'answer-delta', text }),
      onFirstToken: () => { timings.firstTokenMs = performance.now() - started; },
    });
    const llmUsage: LlmUsage = llmAnswer.usage ?? { promptTokens: deps.estimateTokens(messages.map((m) => m.content).join('\n')), completionTokens: deps.estimateTokens(llmAnswer.raw), estimated: true };
    usage = { promptTokens: llmUsage.promptTokens, completionTokens: llmUsage.completionTokens, costUsd: llmUsage.costUsd ?? deps.costUsd(llmUsage, model), estimated: llmUsage.estimated, model };
    return finish(llmAnswer.answer, llmAnswer.mode, llmAnswer.citations, llmAnswer.rejected, { sentences: llmAnswer.sentences, support: llmAnswer.support });
  };
}

export type Answerer = ReturnType<typeof createAnswerer>;
