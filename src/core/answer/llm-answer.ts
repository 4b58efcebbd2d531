/**
 * The LLM branch of `ask`: streams the model's answer through the citation filter (no unchecked
 * marker is shown) and the sentence gate (no sentence is shown before it carries a verified
 * citation, issue 14.6), then scores each cited sentence's support (issue 12.6). An answer
 * with no cited sentence becomes "No strong match found." and nothing of it was streamed.
 */
import { PropoError, isPropoError } from '../errors/index.ts';
import type { ChatMessage, LlmProvider, LlmUsage } from '../ports/llm.ts';
import { NO_MATCH_ANSWER, type AnswerSentence, type AnswerSupport, type ResolvedCitation } from './answer-types.ts';
import { checkCitations, type CitableSpan } from './citation-checker.ts';
import { findMarkers } from './citation-marker.ts';
import { CitationStreamFilter } from './citation-stream-filter.ts';
import { SentenceGate, type UnsupportedSentences } from './sentence-gate.ts';
import { scoreSentences, type SupportScorer } from './sentence-support.ts';

export interface LlmAnswerOptions {
  llm: LlmProvider;
  messages: ChatMessage[];
  verify: (marker: string) => CitableSpan | null;
  unsupportedSentences: UnsupportedSentences;
  support: SupportScorer;
  maxTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
  onDelta: (text: string) => void;
  onFirstToken: () => void;
}

export interface LlmAnswer {
  answer: string;
  mode: 'llm' | 'no-match';
  citations: ResolvedCitation[];
  rejected: number;
  sentences: AnswerSentence[];
  support: AnswerSupport;
  /** Raw model output (for token estimates when the server reports no usage). */
  raw: string;
  usage: LlmUsage | null;
}

export async function streamLlmAnswer(options: LlmAnswerOptions): Promise<LlmAnswer> {
  const { verify } = options;
  const filter = new CitationStreamFilter(verify);
  const gate = new SentenceGate(options.unsupportedSentences, (sentence) => findMarkers(sentence).some((m) => m.ref !== null && verify(m.marker) !== null));
  let raw = '';
  let usage: LlmUsage | null = null;
  let first = true;
  try {
    const request = {
      messages: options.messages,
      ...(options.maxTokens ? { maxTokens: options.maxTokens } : {}),
      ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    };
    for await (const event of options.llm.stream(request)) {
      if (event.type !== 'answer-delta') { usage = event.usage; continue; }
      if (first) { first = false; options.onFirstToken(); }
      raw += event.text;
      const visible = gate.push(filter.push(event.text));
      if (visible) options.onDelta(visible);
    }
  } catch (error) {
    if (isPropoError(error)) throw error;
    throw new PropoError('PROPO_ERR_LLM_UNAVAILABLE', `The LLM failed while answering: ${(error as Error).message}`, { cause: error });
  }
  const flushed = gate.push(filter.end());
  const held = gate.end();
  const rejected = checkCitations(raw, verify).rejected;
  const assembled = gate.assemble();
  const supportBase = { method: options.support.method, policy: options.unsupportedSentences, dropped: gate.dropped };
  if (!assembled.sentences.some((s) => s.cited)) {
    // Nothing was streamed (only cited sentences are): say so in the stream too.
    options.onDelta(NO_MATCH_ANSWER);
    return { answer: NO_MATCH_ANSWER, mode: 'no-match', citations: [], rejected, sentences: [], support: { ...supportBase, unsupported: assembled.sentences.length }, raw, usage };
  }
  if (flushed + held) options.onDelta(flushed + held);
  const sentences = await scoreSentences(assembled.sentences, verify, options.support, options.signal);
  const checked = checkCitations(assembled.text, verify);
  return {
    answer: assembled.text, mode: 'llm', citations: checked.citations, rejected, sentences,
    support: { ...supportBase, unsupported: sentences.filter((s) => !s.supported).length }, raw, usage,
  };
}
