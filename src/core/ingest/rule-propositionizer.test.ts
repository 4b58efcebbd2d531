import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRulePropositionizer } from './rule-propositionizer.ts';
import { splitParagraphs } from './split-paragraphs.ts';

const page = {
  number: 1,
  text: 'Title Here\n\nDr. Smith measured 3.5 mg of the compound, e.g. in Fig. 2 of the study. The effect was large; it lasted for ten days in every one of the treated mice, and the controls showed no change at all over the same period of time.\n\n  \n\nA third paragraph has one sentence.',
};

test('paragraph and proposition spans are exact slices of the page text', async () => {
  const paragraphs = splitParagraphs('doc1', page);
  assert.equal(paragraphs.length, 3);
  for (const p of paragraphs) assert.equal(page.text.slice(p.start, p.end), p.text);
  const props = await createRulePropositionizer().propositionize(paragraphs, () => page.text, { file: 'a.txt' });
  for (const p of props) assert.equal(page.text.slice(p.start, p.end), p.text);
  const texts = props.map((p) => p.text);
  assert.ok(texts.includes('Dr. Smith measured 3.5 mg of the compound, e.g. in Fig. 2 of the study.'), texts.join(' | '));
  assert.ok(texts.some((t) => t.startsWith('The effect was large;')));
  assert.ok(texts.some((t) => t.startsWith('and the controls showed no change')), texts.join(' | '));
  assert.ok(texts.includes('Title Here'), 'a short heading paragraph still yields a proposition');
  const lone = await createRulePropositionizer().propositionize(splitParagraphs('doc2', { number: 1, text: 'Just a title' }), () => 'Just a title', { file: 'b.txt' });
  assert.deepEqual(lone.map((p) => p.text), ['Just a title'], 'a short paragraph on its own still yields a proposition');
});

test('long paragraphs are capped at sentence boundaries', () => {
  const sentence = 'This sentence has exactly nine words in it today. ';
  const text = sentence.repeat(100);
  const paragraphs = splitParagraphs('d', { number: 1, text }, { maxChars: 500 });
  assert.ok(paragraphs.length >= 10);
  for (const p of paragraphs) {
    assert.ok(p.end - p.start <= 500);
    assert.equal(text.slice(p.start, p.end), p.text);
    assert.ok(p.text.endsWith('.'));
  }
});
