/**
 * The kind of answer a question asks for (how many → a number, when → a date, who → a name,
 * where → a place) and whether a sentence offers one that the question does not already contain.
 */
export type AnswerType = 'number' | 'date' | 'person' | 'place' | 'other';

const NUMBER_WORDS = new Set('zero one two three four five six seven eight nine ten eleven twelve thirteen fifteen twenty thirty forty fifty hundred thousand million billion trillion dozen half twice double triple'.split(' '));
const MONTHS = /^(january|february|march|april|may|june|july|august|september|october|november|december)$/u;

/** The question forms of each answer type, in the order `expectedAnswerType` tries them (a question with none is 'other'). */
export const ANSWER_TYPE_PATTERNS: ReadonlyArray<readonly [Exclude<AnswerType, 'other'>, RegExp]> = [
  ['date', /\bwhen\b|\bwhat (year|decade|century|date|month|day|era|period)\b|\b(which|what) years?\b|\bin (what|which) (year|decade|century)\b|\bhow long ago\b/u],
  ['number', /\bhow (many|much|long|far|old|large|big|tall|high|often|fast|heavy|deep|wide)\b|\bwhat (percentage|percent|proportion|share|fraction|number|amount|size|speed|temperature|rate|length|height|weight|distance|cost|price)\b|\bwhat (was|is) the (population|number|amount|size|cost|price|rate|score)\b/u],
  ['person', /\bwho(m|se)?\b|\b(which|what) (person|man|woman|people|scientist|author|president|king|queen|emperor|company|organization|team|group)\b/u],
  ['place', /\bwhere\b|\b(which|what) (city|country|state|place|location|region|continent|island|river|town|county|area)\b/u],
];

export function expectedAnswerType(question: string): AnswerType {
  const q = question.toLowerCase();
  for (const [type, pattern] of ANSWER_TYPE_PATTERNS) if (pattern.test(q)) return type;
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

/**
 * What else a question's form says about its answer sentence (issue 12 item 1; decision 0123):
 * - `counted`: "how many <noun>" → the counted noun (lowercased, as written), answered by a number right before it
 *   ("6 identical layers", "6144 TPU v4 chips"); "how long" → a duration (a number before a unit of time);
 * - `subject`: "what is/are X", "what does X mean" → the words of X, answered by a sentence that opens with X and a
 *   copula ("A match guard is …") or an apposition ("X, an …");
 * - `reason`: "why" → a sentence giving a reason ("because", "so that", "allows" …);
 * - `list`: "what are the <plural>", "which … are", "list …" → a sentence introducing a list (ends with ':').
 */
export interface QuestionShape { counted: string | null; duration: boolean; subject: string[]; reason: boolean; list: boolean }

const SHAPE_STOP = new Set('a an the is are was were be been do does did has have had of in on at for to by with from and or that this these those it its their there which who what when where how why'.split(' '));
const PREPOSITIONS = new Set('in of for on at from with by about under over between within during into to as according'.split(' '));

export function questionShape(question: string): QuestionShape {
  const q = question.toLowerCase().replace(/[?!.]+\s*$/u, '');
  const words = q.match(/[\p{L}\p{N}][\p{L}\p{N}'’.+#-]*/gu) ?? [];
  let counted: string | null = null;
  const many = words.findIndex((w, i) => w === 'how' && (words[i + 1] === 'many' || words[i + 1] === 'much'));
  if (many >= 0) {
    // The noun phrase after "how many": up to four words before a stop word; its head is its first plural, else its last word.
    const phrase: string[] = [];
    for (const w of words.slice(many + 2)) { if (SHAPE_STOP.has(w) || phrase.length >= 4) break; phrase.push(w); }
    counted = phrase.find((w) => /[^s]s$/u.test(w) && w.length > 3) ?? phrase[phrase.length - 1] ?? null;
  }
  const duration = /\bhow long\b/u.test(q) && !/\bhow long (is|are|was|were) (the|a|an)\b/u.test(q);
  let subject: string[] = [];
  const definition = /^(?:what|who)\s+(?:is|are|was|were)\s+(?:an?\s+|the\s+)?(.+)$/u.exec(q) ?? /^what\s+(?:does|do)\s+(?:an?\s+|the\s+)?(.+?)\s+(?:mean|stand for|refer to|do)$/u.exec(q) ?? /^(?:define|what is meant by)\s+(?:an?\s+|the\s+)?(.+)$/u.exec(q);
  if (definition?.[1]) {
    const rest = definition[1].match(/[\p{L}\p{N}][\p{L}\p{N}'’.+#-]*|--?[\p{L}]+/gu) ?? [];
    for (const w of rest) { if (PREPOSITIONS.has(w) || subject.length >= 5) break; subject.push(w.replace(/^-+/u, '')); }
    if (subject.length > 0 && SHAPE_STOP.has(subject[0] as string)) subject = [];
  }
  const reason = /^why\b|\bwhy (?:did|do|does|is|are|was|were)\b|\bfor what reason\b|\bwhat is the reason\b/u.test(q);
  const list = /^(?:what|which)\s+(?:are|were)\s+(?:the|some)\s+(?:[\p{L}\p{N}-]+\s+){0,3}\p{L}+[^s\s]s\b/u.test(q) || /^(?:list|name|enumerate)\b/u.test(q);
  return { counted, duration, subject, reason, list };
}

const TIME_UNITS = /^(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|ms|milliseconds?|hrs?|steps?|epochs?|iterations?)$/u;
const REASON_CUES = /\b(?:because|since|due to|owing to|so that|in order to|as a result|this allows|allows?|enables?|lets|therefore|thus|the reason)\b/u;
const COPULA = new Set(['is', 'are', 'was', 'were', 'means', 'refers', 'denotes', 'describes', 'represents', 'consists']);

/** 1 when a number (not in the question) comes at most five words before the counted noun; for "how long", before a unit of time. */
export function countedNumber(shape: QuestionShape, text: string, questionWords: ReadonlySet<string>): number {
  if (!shape.counted && !shape.duration) return 0;
  const tokens = (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}.,%'’-]*/gu) ?? []).map((t) => t.replace(/[.,'’-]+$/u, ''));
  const head = shape.counted ? shape.counted.replace(/s$/u, '') : null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (questionWords.has(t) || !(/\d/u.test(t) || NUMBER_WORDS.has(t))) continue;
    for (let j = i + 1; j <= Math.min(tokens.length - 1, i + 5); j++) {
      const w = tokens[j] as string;
      if ((head && (w === shape.counted || w.replace(/s$/u, '') === head)) || (shape.duration && TIME_UNITS.test(w))) return 1;
    }
  }
  return 0;
}

const IRREGULAR_PARTICIPLES = new Set(['used', 'known', 'given', 'taken', 'made', 'shown', 'seen', 'done', 'found', 'built', 'held', 'kept', 'left', 'chosen', 'drawn', 'written', 'sent', 'spent', 'brought', 'thought', 'taught', 'meant', 'led', 'fed', 'split', 'cut']);
/** "defined", "called" … name what a thing is: after a copula they still define it. */
const DEFINING_PARTICIPLES = new Set(['defined', 'called', 'termed', 'named', 'denoted', 'referred']);

/** A past participle right after a copula makes a passive ("are obtained", "is used"), which is no definition (decision 0152). */
export function isPassiveParticiple(word: string | undefined): boolean {
  if (word === undefined || DEFINING_PARTICIPLES.has(word)) return false;
  return IRREGULAR_PARTICIPLES.has(word) || (/^\p{L}{3,}ed$/u.test(word) && !/eed$/u.test(word));
}

/** 1 when the sentence opens with the question's subject followed by a copula ("A match guard is …") or an apposition ("X, an …"). */
export function definesSubject(shape: QuestionShape, text: string): number {
  if (shape.subject.length === 0) return 0;
  const tokens = (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’.+#-]*|,/gu) ?? []).map((t) => t.replace(/[.'’]+$/u, ''));
  const start = tokens.findIndex((t) => t === shape.subject[0] || t.replace(/s$/u, '') === (shape.subject[0] as string).replace(/s$/u, ''));
  // The subject within the first eight words (after "We propose", "In this work", a determiner …).
  if (start < 0 || start > 8) return 0;
  let i = start;
  for (const w of shape.subject) { const t = tokens[i]; if (t === undefined || (t !== w && t.replace(/s$/u, '') !== w.replace(/s$/u, ''))) return 0; i++; }
  const next = tokens[i];
  // A passive ("The soft targets are obtained by …", "X is used to …") tells what is done with X, not what X is.
  if (next !== undefined && COPULA.has(next)) return isPassiveParticiple(tokens[i + 1]) ? 0 : 1;
  if (next === ',' && ['a', 'an', 'the', 'which'].includes(tokens[i + 1] ?? '')) return 1;
  return 0;
}

/**
 * 1 when a section heading names the question's subject (decision 0133): its words after the section number are
 * all words of the subject and cover at least half of it ("10.4.5 404 Not Found" for "what does the 404 Not Found
 * status code mean"). The section's first sentence then defines the subject without repeating it.
 */
export function headingNamesSubject(shape: QuestionShape, heading: string): number {
  if (shape.subject.length === 0) return 0;
  const bare = (w: string): string => w.replace(/s$/u, '');
  const words = (heading.toLowerCase().replace(/^\s*(?:\d+(?:\.\d+)*\.?|[a-z](?:\.\d+)+\.?)\s+/u, '').match(/[\p{L}\p{N}][\p{L}\p{N}'’+#-]*/gu) ?? []).map(bare);
  const subject = new Set(shape.subject.map(bare));
  if (words.length === 0 || !words.every((w) => subject.has(w))) return 0;
  return new Set(words).size * 2 >= subject.size ? 1 : 0;
}

/** 1 for a "why" question's sentence that gives a reason. */
export function givesReason(shape: QuestionShape, text: string): number {
  return shape.reason && REASON_CUES.test(text.toLowerCase()) ? 1 : 0;
}

/** 1 for a list question's sentence that introduces a list (ends with ':'). */
export function introducesList(shape: QuestionShape, text: string): number {
  return shape.list && /:\s*$/u.test(text) ? 1 : 0;
}
