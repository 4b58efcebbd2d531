/**
 * The kind of answer a question asks for (how many → a number, when → a date, who → a name,
 * where → a place) and whether a sentence offers one that the question does not already contain.
 */
export type AnswerType = 'number' | 'date' | 'person' | 'place' | 'other';

const NUMBER_WORDS = new Set('zero one two three four five six seven eight nine ten eleven twelve thirteen fifteen twenty thirty forty fifty hundred thousand million billion trillion dozen half twice double triple'.split(' '));
const MONTHS = /^(january|february|march|april|may|june|july|august|september|october|november|december)$/u;

export function expectedAnswerType(question: string): AnswerType {
  const q = question.toLowerCase();
  if (/\bwhen\b|\bwhat (year|decade|century|date|month|day|era|period)\b|\b(which|what) years?\b|\bin (what|which) (year|decade|century)\b|\bhow long ago\b/u.test(q)) return 'date';
  if (/\bhow (many|much|long|far|old|large|big|tall|high|often|fast|heavy|deep|wide)\b|\bwhat (percentage|percent|proportion|share|fraction|number|amount|size|speed|temperature|rate|length|height|weight|distance|cost|price)\b|\bwhat (was|is) the (population|number|amount|size|cost|price|rate|score)\b/u.test(q)) return 'number';
  if (/\bwho(m|se)?\b|\b(which|what) (person|man|woman|people|scientist|author|president|king|queen|emperor|company|organization|team|group)\b/u.test(q)) return 'person';
  if (/\bwhere\b|\b(which|what) (city|country|state|place|location|region|continent|island|river|town|county|area)\b/u.test(q)) return 'place';
  return 'other';
}

/**
 * Token positions (in `text`'s word tokens) holding an answer of `type` that is not among the
 * question's own lowercased words; empty for 'other'.
 */
export function answerTypePositions(type: AnswerType, text: string, questionWords: ReadonlySet<string>): number[] {
  if (type === 'other') return [];
  const tokens = text.match(/[\p{L}\p{N}][\p{L}\p{N}.,%'’-]*/gu) ?? [];
  const positions: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = (tokens[i] as string).replace(/[.,'’-]+$/u, '');
    const lower = token.toLowerCase();
    if (questionWords.has(lower)) continue;
    if ((type === 'number' && (/\d/u.test(token) || NUMBER_WORDS.has(lower)))
      || (type === 'date' && (/^(1\d{3}|20\d{2})s?$/u.test(token) || MONTHS.test(lower) || /^\d{1,2}(st|nd|rd|th)$/u.test(lower) || lower === 'century'))
      // A name: a capitalised word that does not open the sentence.
      || ((type === 'person' || type === 'place') && i > 0 && /^\p{Lu}\p{Ll}/u.test(token))) positions.push(i);
  }
  return positions;
}
