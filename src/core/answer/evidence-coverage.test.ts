import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCorpusStatistics } from '../retrieval/lexical/corpus-statistics.ts';
import { evidenceCoverage, evidenceFinding, questionTerms } from './evidence-coverage.ts';

const paragraphs = [
  'The capital of a company is its money.',
  'Venture capital funds invest capital in start-ups.',
  'The encoder is composed of a stack of N = 6 identical layers.',
  'Each value in Rust has an owner.',
  'A decoder also has six layers.',
].map((text, i) => ({ id: `p${i}`, documentId: `d${i}`, page: 1, ordinal: 1, start: 0, end: text.length, text }));
const statistics = buildCorpusStatistics(paragraphs);

test('question words are not content: "How many … does … have?" leaves the topic terms', () => {
  assert.deepEqual(questionTerms('How many layers does the encoder have?'), ['layer', 'encod']);
});

test('a term absent from the library outweighs the common words the evidence shares (issue 12)', () => {
  const coverage = evidenceCoverage('What is the capital of Australia?', [paragraphs[1]?.text ?? ''], statistics);
  assert.ok(coverage < 0.5, `coverage ${coverage}`);
});

test('evidence holding every term covers all of it; the best of several counts', () => {
  const texts = [paragraphs[4]?.text ?? '', paragraphs[2]?.text ?? ''];
  assert.equal(evidenceCoverage('How many layers does the encoder have?', texts, statistics), 1);
  assert.equal(evidenceCoverage('How many layers does the encoder have?', [], statistics), 0);
  assert.equal(evidenceCoverage('How many?', texts, statistics), 0);
});

test('a name the library never writes ("GPT-4") is unknown; one it writes, also run together ("BERTLARGE"), is not', () => {
  const library = buildCorpusStatistics(['GPT-3 has 175B parameters and 4 sizes.', 'BERTLARGE has 340M parameters.'].map((text, i) => ({ id: `q${i}`, documentId: `e${i}`, page: 1, ordinal: 1, start: 0, end: text.length, text })));
  assert.deepEqual(evidenceFinding('How many parameters does GPT-4 have?', ['GPT-3 has 175B parameters and 4 sizes.'], library).unknownNames, ['GPT-4']);
  assert.deepEqual(evidenceFinding('How many parameters does GPT-3 have?', ['GPT-3 has 175B parameters.'], library).unknownNames, []);
  assert.deepEqual(evidenceFinding('How many parameters does BERT-large have?', ['BERTLARGE has 340M parameters.'], library).unknownNames, []);
});

test('a name mixing letters and digits ("wav2vec") is known when the library writes it: its added letter runs (decision 0154) are not parts', () => {
  const text = 'We pre-train wav2vec 2.0 on unlabeled speech.';
  const library = buildCorpusStatistics([{ id: 'w0', documentId: 'w', page: 1, ordinal: 1, start: 0, end: text.length, text }]);
  assert.deepEqual(evidenceFinding('What WER does wav2vec 2.0 reach?', [text], library).unknownNames, []);
  assert.deepEqual(evidenceFinding('What WER does wav2vec-3 reach?', [text], library).unknownNames, ['wav2vec-3']);
});

test('in a library of two paragraphs an absent word does not sink an answerable question below the default threshold', () => {
  const tiny = buildCorpusStatistics(['Quarterly revenue grew by 12 percent in the third quarter.', 'The company opened two new offices in Lisbon and Porto.'].map((text, i) => ({ id: `t${i}`, documentId: 'r', page: 1, ordinal: i + 1, start: 0, end: text.length, text })));
  // "grow" is not in the text ("grew"): unsmoothed it weighed 2.6× each present term and the coverage was 0.29.
  const coverage = evidenceCoverage('How much did quarterly revenue grow?', ['Quarterly revenue grew by 12 percent in the third quarter.'], tiny);
  assert.ok(coverage > 0.325, `coverage ${coverage}`);
  assert.ok(evidenceCoverage('How tall is Mount Kilimanjaro?', ['The company opened two new offices in Lisbon and Porto.'], tiny) === 0);
});

test('decision 0085: the question\'s names are capitalised words and numbers, not acronyms or ordinals', async () => {
  const { questionNames } = await import('./evidence-coverage.ts');
  assert.deepEqual(questionNames('What does the HTTP 418 status code mean?'), ['418']);
  assert.deepEqual(questionNames('Who wrote the Harry Potter books in the 1700s?'), ['harri', 'potter']);
  assert.deepEqual(questionNames('What is the capital of Australia?'), ['australia']);
});

test('decision 0085: a name no cited paragraph holds is missing, with how rare it is in the library; a misspelling counts as its spelling', () => {
  const library = buildCorpusStatistics([
    'The Boscombe valley lies near Bendigo in Australia.', 'Sydney is a large city.', 'The capital of a company is its money.',
  ].map((text, i) => ({ id: `n${i}`, documentId: `m${i}`, page: 1, ordinal: 1, start: 0, end: text.length, text })));
  const australia = evidenceFinding('What is the capital of Australia?', ['The capital of a company is its money.'], library);
  assert.deepEqual(australia.missingNames, ['australia']);
  assert.equal(australia.missingNameFrequency, 1);
  assert.equal(australia.missingNameShare, 1 / 200);
  const held = evidenceFinding('What is the capital of Australia?', ['The Boscombe valley lies near Bendigo in Australia.'], library);
  assert.deepEqual(held.missingNames, []);
  assert.equal(held.missingNameShare, -1);
  // "Pythagorean" is nowhere in the library; "Bedigo" is one edit from "Bendigo", which one paragraph holds.
  assert.equal(evidenceFinding('What is the Pythagorean theorem?', ['Sydney is a large city.'], library).missingNameFrequency, 0);
  assert.equal(evidenceFinding('How far is Bedigo from Sydney?', ['Sydney is a large city.'], library).missingNameFrequency, 1);
});

test('decision 0085: a how-many question needs a number in a cited sentence that the question does not hold', () => {
  const finding = evidenceFinding('How many layers does the encoder have?', ['The encoder is a stack of layers.'], statistics, ['The encoder is a stack of layers.']);
  assert.equal(finding.answerType, 'number');
  assert.equal(finding.typedAnswer, false);
  assert.equal(evidenceFinding('How many layers does the encoder have?', ['x'], statistics, ['The encoder is composed of a stack of N = 6 identical layers.']).typedAnswer, true);
  assert.equal(evidenceFinding('What is a decoder?', ['x'], statistics, ['x']).typedAnswer, true);
});
