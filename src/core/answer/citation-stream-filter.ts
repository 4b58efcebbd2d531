/**
 * Filters a stream of answer deltas so that no unchecked citation reaches the user: text is
 * passed through until a `[`; from there it is held until the brackets balance (nested ones
 * included), a newline arrives, or the hold grows past any possible marker length; the held
 * text then goes through `stripUnverified`, which removes every rejected marker repeatedly.
 */
import { stripUnverified, type CitableSpan } from './citation-checker.ts';

const MAX_HOLD = 300;

export class CitationStreamFilter {
  private held = '';
  private depth = 0;
  rejected = 0;

  constructor(private readonly verify: (marker: string) => CitableSpan | null) {}

  /** Feeds a delta; returns the text that may be shown now. */
  push(delta: string): string {
    let out = '';
    for (const ch of delta) {
      if (this.depth === 0 && ch !== '[') {
        out += ch;
        continue;
      }
      this.held += ch;
      if (ch === '[') this.depth++;
      else if (ch === ']') this.depth--;
      if (this.depth === 0 || ch === '\n' || this.held.length > MAX_HOLD) out += this.release();
    }
    return out;
  }

  /** Flushes what is held at the end of the stream. */
  end(): string {
    return this.release();
  }

  private release(): string {
    const { text, rejectedMarkers } = stripUnverified(this.held, this.verify);
    this.rejected += rejectedMarkers.length;
    this.held = '';
    this.depth = 0;
    return text;
  }
}
