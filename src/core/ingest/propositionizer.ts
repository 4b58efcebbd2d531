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
}
