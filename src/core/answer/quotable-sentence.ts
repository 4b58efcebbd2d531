/**
 * Whether a span reads as a sentence worth quoting, not table or number debris ("LOC LOC LOC
 * error classification top-5 LOC error …", "ResNet-34 B 24.52 7.46"): prose has function words,
 * no token that dominates it, mostly words rather than bare numbers or symbols, and lines of more
 * than a few words; and it is not a contents page (isNavigationText).
 */
const FUNCTION_WORDS = new Set('the a an is are was were be been of to in for with on by as at from that this these it its we our they their has have had can will would which and or not than when where'.split(' '));

// Words a title leaves in lower case ("Patterns and Matching", "Using Structs to Structure Related Data").
const TITLE_LOWER = new Set([...FUNCTION_WORDS, 'into', 'over', 'via', 'vs', 'per', 'up', 'out', 'about', 'without', 'through']);
// A contents-page line: a dotted leader and a page number ("1.2 Introduction .......... 5").
const DOTTED_LEADER = /(?:\.\s?){5,}\s*\d*\s*$|^(?:\.\s?){5,}\s*\d+|(?:…\s?){2,}\s*\d*\s*$/u;

function isTitleLine(line: string): boolean {
  if (/[.,;:]$/u.test(line)) return false;
  const words = line.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  if (words.length === 0 || words.length > 12) return false;
  let capitalised = 0;
  for (const w of words) {
    if (/^\p{Lu}/u.test(w)) capitalised += 1;
    else if (!TITLE_LOWER.has(w.toLowerCase())) return false;
  }
  return capitalised > 0 && /^[^\p{L}]*\p{Lu}/u.test(line);
}

/**
 * A contents page: at least half of the lines end in a dotted leader, with or without the page number
 * ("1.2 Introduction .......... 5"; the others are a heading or an entry without one; issue 12 item 5).
 */
export function isNavigationText(text: string): boolean {
  const lines = text.split(/\n/u).map((line) => line.trim()).filter((line) => line);
  return lines.length > 0 && lines.filter((line) => DOTTED_LEADER.test(line)).length * 2 >= lines.length;
}

/**
 * A list made only of titles, what a Markdown list of links (`- [Patterns and Matching](ch19-00-patterns.md)`, a book's
 * SUMMARY.md) leaves as plain text: at least three items, each a bare title with no sentence punctuation (issue 12 item 5).
 */
export function isNavigationList(items: readonly string[]): boolean {
  return items.length >= 3 && items.every((item) => isTitleLine(item.trim()));
}

export function isQuotableSentence(text: string): boolean {
  if (isNavigationText(text)) return false;
  const tokens = text.match(/[^\s]+/gu) ?? [];
  const words = (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’.,%×±-]*/gu) ?? []).map((w) => w.replace(/[.,'’-]+$/u, ''));
  if (words.length < 3) return false;
  const alphabetic = words.filter((w) => /^\p{L}{2,}/u.test(w)).length;
  const numeric = words.filter((w) => /^[\d.,%×±+-]+$/u.test(w)).length;
  const functionWords = words.filter((w) => FUNCTION_WORDS.has(w)).length;
  const counts = new Map<string, number>();
  for (const w of words) if (!FUNCTION_WORDS.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const dominant = Math.max(0, ...counts.values());
  const lines = text.trim().split(/\n/u).filter((line) => line.trim());
  return functionWords >= 1
    && functionWords / words.length >= 0.08
    && alphabetic / words.length >= 0.5
    && numeric / words.length <= 0.3
    && (words.length < 8 || dominant / words.length <= 0.2)
    && (lines.length < 3 || words.length / lines.length >= 4)
    && words.length / Math.max(1, tokens.length) >= 0.6;
}
