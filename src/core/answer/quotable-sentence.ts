/**
 * Whether a span reads as a sentence worth quoting, not table or number debris ("LOC LOC LOC
 * error classification top-5 LOC error …", "ResNet-34 B 24.52 7.46"): prose has function words,
 * no token that dominates it, mostly words rather than bare numbers or symbols, and lines of more
 * than a few words.
 */
const FUNCTION_WORDS = new Set('the a an is are was were be been of to in for with on by as at from that this these it its we our they their has have had can will would which and or not than when where'.split(' '));

export function isQuotableSentence(text: string): boolean {
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
