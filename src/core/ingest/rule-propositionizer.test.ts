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
  // issue 12 item 9: an independent clause is cut at its subject; the conjunction belongs to neither side.
  assert.ok(texts.some((t) => t.startsWith('the controls showed no change')), texts.join(' | '));
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

async function propositionsOf(text: string): Promise<string[]> {
  const props = await createRulePropositionizer().propositionize(splitParagraphs('d', { number: 1, text }), () => text, { file: 'a.txt' });
  for (const p of props) assert.equal(text.slice(p.start, p.end), p.text);
  return props.map((p) => p.text);
}

// issue 12 item 9: propositions keep their facts.
test('a leading clause stays with the sentence it qualifies', async () => {
  const text = 'With a 2 trillion token database, our model obtains comparable performance to GPT-3 and Jurassic-1 on the Pile, despite using 25× fewer parameters, which shows that retrieval helps at every scale we tried.';
  assert.deepEqual(await propositionsOf(text), [text]);
});

test('relative, concessive and colon clauses are not cut off', async () => {
  const text = 'The encoder maps an input sequence of symbol representations to a sequence of continuous representations, which the decoder then uses to generate an output sequence one element at a time, while attending to all of its positions.';
  assert.deepEqual(await propositionsOf(text), [text]);
  const colon = 'Keep these rules in mind as we work through the many examples that illustrate them in this chapter: Each value in Rust has an owner and there can only be one owner at a time.';
  assert.deepEqual(await propositionsOf(colon), [colon]);
});

test('a long sentence is split where an independent clause with its own subject and verb begins', async () => {
  const text = 'We trained the base models for a total of 100,000 steps on eight P100 GPUs over twelve hours; the big models were trained for 300,000 steps, and they took three and a half days to finish.';
  assert.deepEqual(await propositionsOf(text), [
    'We trained the base models for a total of 100,000 steps on eight P100 GPUs over twelve hours',
    'the big models were trained for 300,000 steps',
    'they took three and a half days to finish.',
  ]);
  const predicate = 'The residual network with thirty-four layers reduces the top-1 error by a large margin compared with its plain counterpart, and achieves the lowest error we have seen on the validation set.';
  assert.deepEqual(await propositionsOf(predicate), [predicate], 'a predicate without its own subject stays with its subject');
});

test('code is not split at its semicolons', async () => {
  const text = 'let mut s = String::from("hello"); s.push_str(", world!"); println!("{s}"); let x = 5; let y = x; let z = y + 1; let w = z * 2; let v = w - 3; let u = v;';
  assert.equal((await propositionsOf(text)).length, 1);
});

// issue 12 item 9, decision 0137: a line break before a capital or a symbol does not cut a sentence from its value.
test('a formula or value cut off by a line break stays with the sentence that states it', async () => {
  const text = 'In addition, we apply dropout to the sums of the embeddings. For the base model, we use a rate of\nPdrop = 0.1.';
  assert.deepEqual(await propositionsOf(text), ['In addition, we apply dropout to the sums of the embeddings.', 'For the base model, we use a rate of\nPdrop = 0.1.']);
  const formula = 'So rather than expect stacked layers to approximate H(x), we let these layers approximate a residual function\nF(x) := H(x) − x. The original function thus becomes\nF(x)+x.';
  assert.deepEqual(await propositionsOf(formula), ['So rather than expect stacked layers to approximate H(x), we let these layers approximate a residual function\nF(x) := H(x) − x.', 'The original function thus becomes\nF(x)+x.']);
  const proper = 'The model is trained on the data of the\nWMT 2014 English-German task with a shared vocabulary.';
  assert.deepEqual(await propositionsOf(proper), ['The model is trained on the data of the\nWMT 2014 English-German task with a shared vocabulary.']);
});

test('a finished sentence and a heading are not joined to what follows', async () => {
  const text = 'The results are shown in the table.\nTable 2 lists the scores of every model we trained.';
  assert.deepEqual(await propositionsOf(text), ['The results are shown in the table.', 'Table 2 lists the scores of every model we trained.']);
  const heading = '3.1 Residual Learning\nLet us consider H(x) as an underlying mapping to be fit by a few stacked layers.';
  assert.deepEqual(await propositionsOf(heading), ['3.1 Residual Learning', 'Let us consider H(x) as an underlying mapping to be fit by a few stacked layers.']);
});

test('a list introducer keeps its colon', async () => {
  const text = 'Keep these rules in mind as we work through the examples:\n\n- Each value in Rust has an owner.';
  assert.ok((await propositionsOf(text)).includes('Keep these rules in mind as we work through the examples:'));
});
