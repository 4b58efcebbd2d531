import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countWords } from './word-runs.ts';
import { lastDottedWord } from './segment-sentences.ts';

// Letters, digits, dots, spaces, punctuation, accents, CJK, an astral letter (𝐀), an astral digit (𝟙), an emoji and lone surrogates.
const ALPHABET = ['a', 'B', 'z', '0', '9', '.', '.', ' ', ' ', '\n', '\u00a0', ',', '(', 'é', 'ß', 'Ж', '中', '𝐀', '𝟙', '😀', '\ud835', '\udc00', '-', 'e.g.', 'Fig.', 'J.', 'etc.', 'Dr. '];

function randomText(seed: number, length: number): string {
  let state = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out += ALPHABET[state % ALPHABET.length];
  }
  return out;
}

test('countWords counts what /[\\p{L}\\p{N}]+/gu matches, on any slice', () => {
  for (let seed = 1; seed < 400; seed++) {
    const text = randomText(seed, 40);
    const start = seed % 7;
    const end = text.length - (seed % 5);
    assert.equal(countWords(text, start, end), (text.slice(start, end).match(/[\p{L}\p{N}]+/gu) ?? []).length, JSON.stringify(text.slice(start, end)));
  }
});

test('lastDottedWord captures what the abbreviation regular expression captures, on any slice', () => {
  const reference = /([\p{L}.]+)\.\s*$/u;
  for (let seed = 1; seed < 2000; seed++) {
    const text = randomText(seed, 1 + (seed % 30));
    const start = seed % 3;
    const end = Math.max(start, text.length - (seed % 4));
    assert.equal(lastDottedWord(text, start, end), reference.exec(text.slice(start, end))?.[1] ?? null, JSON.stringify(text.slice(start, end)));
  }
  assert.equal(lastDottedWord('see Fig.  ', 0, 10), 'Fig');
  assert.equal(lastDottedWord('e.g.', 0, 4), 'e.g');
  assert.equal(lastDottedWord('x 3.', 0, 4), null);
});
