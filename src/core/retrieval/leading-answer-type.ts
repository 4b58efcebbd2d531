/**
 * A question's answer type from its leading interrogative (issue 12 item 1, decision 0151): of the answer-type forms
 * the question holds (answer-type.ts `ANSWER_TYPE_PATTERNS`), the one that comes first decides. `expectedAnswerType`
 * tries the forms in a fixed order, so any "when" makes a question ask for a date: "How old was Peyton Manning when he
 * played in Super Bowl 50?" asked for a date, "Who was king when …" too. Here the first form wins: a number, a name.
 */
import { ANSWER_TYPE_PATTERNS, expectedAnswerType, type AnswerType } from './answer-type.ts';

/** How the answer type is read from a question: `any` = the first form in the fixed order (answer-type.ts), `lead` = the form that comes first in the question. */
export type AnswerTyping = 'any' | 'lead';

export function leadingAnswerType(question: string): AnswerType {
  const q = question.toLowerCase();
  let best: { type: AnswerType; at: number } = { type: 'other', at: Infinity };
  for (const [type, pattern] of ANSWER_TYPE_PATTERNS) {
    const at = q.search(pattern);
    if (at >= 0 && at < best.at) best = { type, at };
  }
  return best.type;
}

export function answerTypeOf(question: string, typing: AnswerTyping = 'any'): AnswerType {
  return typing === 'lead' ? leadingAnswerType(question) : expectedAnswerType(question);
}
