/**
 * Filters a stream of answer deltas so that no unchecked citation reaches the user: text is
 * passed through until a `[`; from there it is held until the bracket closes (or cannot be a
 * citation any more), then the marker is verified and emitted or dropped.
 */
import type { CitableSpan } from './citation-checker.ts';
import { findMarkers } from './citation-marker.ts';

const MAX_HOLD = 260;

export class CitationStreamFilter {
  private held = '';
  rejected = 0;

  constructor(private readonly verify: (marker: string) => CitableSpan | null) {}

  /** Feeds a delta; returns the text that may be shown now. */
  push(delta: string): string {
    let out = '';
    for (const ch of delta) {
      if (this.held) {
        this.held += ch;
        if (ch === ']') out += this.release();
        else if (ch === '[' || ch === '\n' || this.held.length > MAX_HOLD) {
          const last = this.held.slice(-1);
          out += this.held.slice(0, -1);
          this.held = last === '[' ? '[' : '';
          if (last !== '[') out += last;
        }
      } else if (ch === '[') {
        this.held = '[';
      } else {
        out += ch;
      }
    }
    return out;
  }

  /** Flushes what is held at the end of the stream. */
  end(): string {
    const rest = this.held;
    this.held = '';
    return rest;
  }

  private release(): string {
    const marker = this.held;
    this.held = '';
    const looksLikeCitation = findMarkers(marker).length > 0;
    if (!looksLikeCitation) return marker;
    if (this.verify(marker)) return marker;
    this.rejected++;
    return '';
  }
}
