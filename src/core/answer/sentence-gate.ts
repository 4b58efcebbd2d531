/**
 * Holds streamed answer text back sentence by sentence: a sentence is released only once it is
 * complete and carries a verified citation. With `mark`, the first sentence without one stops
 * the stream until the answer ends (then the caller releases the rest, marked, or replaces the
 * whole answer with "No strong match found." when no sentence was cited); with `drop`, uncited
 * sentences are skipped and never shown. Input is text that already went through
 * `CitationStreamFilter`, so every marker in it is verified or about to be dropped.
 */
import { tidyAnswer } from './citation-checker.ts';
import { splitSentences, type SentenceSlice } from './split-sentences.ts';

export type UnsupportedSentences = 'mark' | 'drop';

export interface GatedSentence {
  /** The sentence as it appears in the answer text, citation markers included. */
  text: string;
  /** [start, end) of `text` in the assembled answer. */
  start: number;
  end: number;
  cited: boolean;
}

export class SentenceGate {
  private text = '';
  /** Everything before this offset was decided (released, dropped or held). */
  private decided = 0;
  /** Everything before this offset was released (or dropped). */
  private released = 0;
  private holding = false;
  private readonly sentences: Array<{ slice: SentenceSlice; cited: boolean; kept: boolean }> = [];

  constructor(private readonly policy: UnsupportedSentences, private readonly isCited: (sentence: string) => boolean) {}

  /** Feeds filtered text; returns what may be shown now. */
  push(visible: string): string {
    this.text += visible;
    return this.advance(false);
  }

  /**
   * Ends the stream. Returns the last sentences and, for `mark`, the held text (the caller shows
   * it unless the answer turns out to have no cited sentence at all).
   */
  end(): string {
    const last = this.advance(true);
    const held = this.policy === 'mark' ? this.text.slice(this.released) : '';
    this.released = this.text.length;
    return last + held;
  }

  /** Sentences `drop` removed. */
  get dropped(): number {
    return this.sentences.filter((s) => !s.kept).length;
  }

  /**
   * The answer made of the kept sentences (what was streamed plus what `end` returned), each
   * tidied, joined by a space or by the line breaks that separated them.
   */
  assemble(): { text: string; sentences: GatedSentence[] } {
    let text = '';
    const sentences: GatedSentence[] = [];
    for (const { slice, cited } of this.sentences.filter((s) => s.kept)) {
      const raw = this.text.slice(slice.start, slice.end);
      const sentence = tidyAnswer(raw);
      if (!sentence) continue;
      if (text) text += this.separatorBefore(slice.start);
      sentences.push({ text: sentence, start: text.length, end: text.length + sentence.length, cited });
      text += sentence;
    }
    return { text, sentences };
  }

  /** A space, or the line breaks (at most two) that preceded the sentence at `at`. */
  private separatorBefore(at: number): string {
    const newlines = (/\s*$/u.exec(this.text.slice(0, at))?.[0] ?? '').split('\n').length - 1;
    return newlines === 0 ? ' ' : '\n'.repeat(Math.min(2, newlines));
  }

  private advance(final: boolean): string {
    let out = '';
    for (const slice of splitSentences(this.text, { final, from: this.decided })) {
      if (!slice.complete) break;
      const sentence = this.text.slice(slice.start, slice.end);
      const cited = this.isCited(sentence);
      const kept = cited || this.policy === 'mark';
      this.sentences.push({ slice, cited, kept });
      this.decided = slice.end;
      if (!cited) this.holding = this.policy === 'mark';
      if (this.holding) continue;
      if (kept) out += this.text.slice(this.released, slice.end);
      this.released = slice.end;
    }
    return out;
  }
}
