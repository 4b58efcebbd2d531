import type { ParagraphRecord, PropositionRecord } from '../domain/index.ts';

/** Statistics a propositionizer reports (LLM: dropped, repaired, fallbacks). */
export interface PropositionizerStats { dropped: number; repaired: number; fallbacks: number }

/** Turns paragraphs into propositions whose spans are exact in the page text. */
export interface Propositionizer {
  readonly name: string;
  propositionize(
    paragraphs: ParagraphRecord[],
    pageText: (page: number) => string,
    context: { file: string; signal?: AbortSignal; onProgress?: (done: number, total: number) => void },
  ): Promise<PropositionRecord[]>;
  stats?(): PropositionizerStats;
  /**
   * Set by the rule propositionizer: its options, so the parse worker can run it on the pages it parsed, off the
   * main thread, with the same result (decision 0139). Absent: propositions are made on the main thread.
   */
  readonly ruleOptions?: { maxWords: number; minWords: number };
}
