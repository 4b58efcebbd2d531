/**
 * Simple lexical cues that say which configured expert name fits a text. Scores are rates
 * (cue hits per word), so long and short texts compare:
 * - code: code punctuation (`{ } ; => == ( ) [ ]`), snake_case/camelCase identifiers and keywords
 *   (function, const, let, return, import, class, def, …);
 * - technical: numbers, units (mg, kg, ms, %, GHz, …) and jargon-shaped words (long words, words with
 *   digits or hyphens, ALL-CAPS acronyms);
 * - personal: first-person pronouns and dates / weekdays / months;
 * - general: no cue of its own; it gets what the others do not fit.
 */

export type CueScores = Record<'code' | 'technical' | 'personal', number>;

const CODE_KEYWORDS = new Set('function const let var return import export class def async await if else elif for while public private static void int string bool null undefined true false lambda struct fn impl interface type new this self'.split(' '));
const UNITS = new Set('mg kg g ml l mm cm km m s ms ns µs us h min hz khz mhz ghz kb mb gb tb w kw mw v mv a ma nm µm um mol mmol °c °f k % ppm dpi fps rpm kcal'.split(' '));
const FIRST_PERSON = new Set('i me my mine myself we us our ours ourselves'.split(' '));
const MONTHS = /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow)\b/giu;
const DATES = /\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b/gu;
const CODE_PUNCTUATION = /=>|==|!=|\{|\}|;|\(\)|\[\]|::|->|\+=|&&|\|\|/gu;
const IDENTIFIER = /\b[a-z]+(?:[A-Z][a-z0-9]*)+\b|\b[a-z0-9]+(?:_[a-z0-9]+)+\b/gu;

/** Cue scores of one text (0 for an empty text). */
export function lexicalCues(text: string): CueScores {
  const words = text.match(/[\p{L}\p{N}_%°µ.-]+/gu) ?? [];
  const n = Math.max(1, words.length);
  const lower = words.map((w) => w.toLowerCase().replace(/^[.-]+|[.-]+$/gu, ''));
  const count = (pattern: RegExp) => (text.match(pattern) ?? []).length;

  const code = count(CODE_PUNCTUATION) + count(IDENTIFIER) + lower.filter((w) => CODE_KEYWORDS.has(w)).length;
  const numbers = lower.filter((w) => /^\d+([.,]\d+)?%?$/u.test(w)).length;
  const units = lower.filter((w) => UNITS.has(w) || /^\d+([.,]\d+)?(mg|kg|ml|mm|cm|km|ms|hz|ghz|mb|gb|%)$/u.test(w)).length;
  const jargon = words.filter((w) => w.length >= 12 || /\p{L}\d|\d\p{L}/u.test(w) || /^[A-Z]{2,}[A-Z0-9-]*$/u.test(w) || /\p{L}-\p{L}/u.test(w)).length;
  const personal = lower.filter((w) => FIRST_PERSON.has(w)).length + count(MONTHS) + count(DATES);

  return { code: code / n, technical: (numbers + units + jargon) / n, personal: personal / n };
}

/** Mean cue scores of a set of texts. */
export function meanCues(texts: readonly string[]): CueScores {
  const total: CueScores = { code: 0, technical: 0, personal: 0 };
  for (const text of texts) {
    const cues = lexicalCues(text);
    total.code += cues.code; total.technical += cues.technical; total.personal += cues.personal;
  }
  const n = Math.max(1, texts.length);
  return { code: total.code / n, technical: total.technical / n, personal: total.personal / n };
}
