import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitSentences } from './split-sentences.ts';

const texts = (text: string, final = true) => splitSentences(text, { final }).map((s) => text.slice(s.start, s.end).trim());

void test('markers after the full stop stay with their sentence', () => {
  assert.deepEqual(texts('The Rhine is long. [a.txt:1:0-9] It flows north [a.txt:1:10-20]. Done.'), [
    'The Rhine is long. [a.txt:1:0-9]', 'It flows north [a.txt:1:10-20].', 'Done.',
  ]);
  assert.deepEqual(texts('A is 1 [a.txt:1:0-9] [b.md:2:3-4]. B is 2.'), ['A is 1 [a.txt:1:0-9] [b.md:2:3-4].', 'B is 2.']);
});

void test('line breaks end sentences; abbreviations, decimals and lower-case continuations do not', () => {
  assert.deepEqual(texts('Rules:\n- one [a:1:0-1]\n- two [a:1:1-2]'), ['Rules:', '- one [a:1:0-1]', '- two [a:1:1-2]']);
  assert.deepEqual(texts('It uses 1.5 GB, e.g. on disk, see Fig. 3 and Vaswani et al. for details. Next one.'), [
    'It uses 1.5 GB, e.g. on disk, see Fig. 3 and Vaswani et al. for details.', 'Next one.',
  ]);
  assert.deepEqual(texts('Is it? yes it is! Really.'), ['Is it? yes it is!', 'Really.']);
});

void test('the last sentence is incomplete until the stream ends', () => {
  const partial = splitSentences('One is done. Two is not', { final: false });
  assert.deepEqual(partial.map((s) => s.complete), [true, false]);
  // A full stop at the very end may still be followed by its marker.
  assert.deepEqual(splitSentences('One is done.', { final: false }).map((s) => s.complete), [false]);
  assert.deepEqual(splitSentences('One is done. ', { final: false }).map((s) => s.complete), [false]);
  assert.deepEqual(splitSentences('One is done. [a:1:0-4]', { final: false }).map((s) => s.complete), [false]);
  assert.deepEqual(splitSentences('One is done. [a:1:0-4] Two', { final: false }).map((s) => s.complete), [true, false]);
});

void test('a trailing marker with no words joins the previous sentence', () => {
  assert.deepEqual(texts('One is done.\n[a:1:0-4]'), ['One is done.\n[a:1:0-4]']);
});

void test('streaming-stable: every complete sentence of a prefix is a sentence of the whole text', () => {
  const piece = fc.constantFrom('The', 'rhine', 'is', '1.5', 'km', 'e.g.', 'Fig.', '.', '. ', '! ', '\n', ' ', '[a.txt:1:0-9]', '[b:2:3-4]', 'long', '?', '"', ')', '- ');
  fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), fc.nat(), (pieces, cut) => {
    const text = pieces.join('');
    const whole = splitSentences(text, { final: true }).map((s) => `${s.start}-${s.end}`);
    const prefix = text.slice(0, text.length === 0 ? 0 : cut % (text.length + 1));
    for (const slice of splitSentences(prefix).filter((s) => s.complete)) {
      assert.ok(whole.includes(`${slice.start}-${slice.end}`), `${JSON.stringify(prefix)} → ${slice.start}-${slice.end} not in ${JSON.stringify(text)} ${whole.join(',')}`);
    }
  }), { numRuns: 2000 });
});
