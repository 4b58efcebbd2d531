import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectedAnswerType } from './answer-type.ts';
import { featureScorer } from './cite-across-paragraphs.ts';
import { answerTypeOf, leadingAnswerType } from './leading-answer-type.ts';
import { DEFAULT_ANSWER_WEIGHTS, NO_ANSWER_CONTEXT, type SelectionGroup } from './select-answer-propositions.ts';

test('the interrogative the question opens with decides its answer type, not a later "when"', () => {
  assert.equal(expectedAnswerType('How old was Peyton Manning when he played in Super Bowl 50?'), 'date', 'the fixed order: any "when" asks for a date');
  assert.equal(leadingAnswerType('How old was Peyton Manning when he played in Super Bowl 50?'), 'number');
  assert.equal(leadingAnswerType('How many seconds were left in the game when the Patriots failed their 2-point conversion?'), 'number');
  assert.equal(leadingAnswerType('Who was the leader when the Franks entered the Euphrates valley?'), 'person');
  assert.equal(leadingAnswerType('When did the last glacial start?'), 'date');
  assert.equal(leadingAnswerType('In what year did a tropical storm cause a four day loss of power?'), 'date');
  assert.equal(leadingAnswerType('Where is corporal punishment no longer practiced?'), 'place');
  assert.equal(leadingAnswerType('What caused Luther to write hymns?'), 'other');
  assert.equal(answerTypeOf('How old was Manning when he played Super Bowl 50?'), 'date', "'any' is the fixed order");
  assert.equal(answerTypeOf('How old was Manning when he played Super Bowl 50?', 'lead'), 'number');
});

test('typed by its lead, a "how old … when" question cites the sentence with the age', () => {
  const texts = ['The Broncos finished the regular season with a 12–4 record.', 'Peyton Manning became the first quarterback ever to lead different teams to multiple Super Bowls.', 'He is also the oldest quarterback ever to play in a Super Bowl at age 39.'];
  const paragraph: SelectionGroup = { paragraphId: 'p0', candidates: texts.map((text, position) => ({ record: { id: `s${position}`, documentId: 'd', namespace: 'default', text, unit: 'proposition', page: 1, start: 0, end: text.length, paragraphId: 'p0', file: 'f.txt', expert: null }, searchScore: null, position })) };
  const question = 'How old was Peyton Manning when he played in Super Bowl 50?';
  const [any] = featureScorer(DEFAULT_ANSWER_WEIGHTS)(question, [paragraph]);
  const [lead] = featureScorer(DEFAULT_ANSWER_WEIGHTS, { ...NO_ANSWER_CONTEXT, typing: 'lead' })(question, [paragraph]);
  assert.ok(any && lead);
  assert.ok((any[1] as number) > (any[2] as number), `typed as a date, the sentence naming Manning wins: ${any.join(', ')}`);
  assert.ok((lead[2] as number) > (lead[1] as number), `typed as a number, the sentence with "age 39" wins: ${lead.join(', ')}`);
});
