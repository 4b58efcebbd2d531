/**
 * The name a document is stored and cited under. File names end up inside citations
 * `[file:page:start-end]` and inside the LLM prompt (`<source cite="…">`), so the stored name
 * is restricted to a safe, displayable set (issue 14.5): no path, no control or invisible
 * formatting characters, no brackets or colon (they delimit markers), nothing that can open
 * or close markup in the prompt (`" < > & \` …`). Names longer than 200 characters keep their
 * extension: the stem is shortened and tagged with a hash of the full name, so two long names
 * stay distinct (issue 14.12). The original name is kept separately for display.
 * `safeFileName` is idempotent: a stored name maps to itself.
 */
import { createHash } from 'node:crypto';

export const MAX_FILE_NAME_LENGTH = 200;

// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\p{Cf}\u2028\u2029]/gu;
/** Marker delimiters and markup: `[`, `]` are removed (as before), the rest become `_`. */
const UNSAFE = /["<>&`|*?{}$\\^]/gu;

export function safeFileName(name: string): string {
  const base = (name.split(/[\\/]/u).pop() ?? '').normalize('NFC');
  const cleaned = base.replace(INVISIBLE, '').replace(/[[\]]/gu, '').replace(/:/gu, '_').replace(UNSAFE, '_').trim().replace(/^\.+/u, '').trim();
  if (!cleaned) return 'unnamed';
  // UTF-16 length: what the citation pattern counts.
  return cleaned.length <= MAX_FILE_NAME_LENGTH ? cleaned : shorten(cleaned);
}

/** Keeps the extension; the stem is cut to fit and ends in `~` + 8 hex digits of the whole name. */
function shorten(name: string): string {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && /^\.[\p{L}\p{N}]{1,16}$/u.test(name.slice(dot)) ? name.slice(dot) : '';
  const tag = `~${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
  let stem = '';
  for (const ch of extension ? name.slice(0, dot) : name) {
    if (stem.length + ch.length > MAX_FILE_NAME_LENGTH - tag.length - extension.length) break;
    stem += ch; // whole code points: never half a surrogate pair
  }
  return `${stem.trimEnd()}${tag}${extension}`;
}
