import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createMarkdownParser } from './markdown-parser.ts';
import { markdownToPlain } from './markdown-to-plain.ts';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
const mdDir = resolve(repoRoot, '../shared/datasets/documents/md');

const parser = createMarkdownParser();

/** Every plain character comes from its mapped source character, except the few rewritten ones. */
function assertMapIsFaithful(source: string, text: string, map: number[]): void {
  assert.equal(map.length, text.length + 1);
  for (let index = 0; index < text.length; index += 1) {
    const plain = text[index];
    const original = source[map[index] ?? -1];
    const rewritten = (plain === ' ' && original === '|') || original === '&' || (plain === '\n' && (original === '\n' || original === '\r'));
    assert.ok(plain === original || rewritten, `plain[${index}]=${JSON.stringify(plain)} maps to ${JSON.stringify(original)}`);
    if (index > 0) assert.ok((map[index] ?? 0) > (map[index - 1] ?? 0), `map increases at ${index}`);
  }
}

void test('strips Markdown syntax and keeps the words', () => {
  const source = [
    '---', 'title: Demo', '---', '',
    '# Heading *one* #', '',
    'Some **bold**, _emphasis_, snake_case_name, `code <b>`, a [link](https://x.y "t") and ![alt text](i.png).',
    '> quoted <span class="x">html</span> &amp; more',
    '- item with [ref][r] and [r]', '',
    '```rust', 'fn main() { let a = *b; }', '```', '',
    '| Col A | Col B |', '|---|:--:|', '| 1 | `x|y` |', '',
    '<!-- hidden -->', '::: tip Tip title', 'inside', ':::',
    '[r]: https://example.com',
  ].join('\n');
  const { text, map } = markdownToPlain(source);
  assert.equal(text, [
    'title: Demo', '',
    'Heading one', '',
    'Some bold, emphasis, snake_case_name, code <b>, a link and alt text.',
    'quoted html & more',
    'item with ref and r', '',
    'fn main() { let a = *b; }', '',
    'Col A   Col B', '1   x|y', '',
    'Tip title',
    'inside',
  ].join('\n'));
  assertMapIsFaithful(source, text, map);
});

void test('maps CRLF sources and splits pages at form feeds with offsets into the whole source', async () => {
  const source = '# One\r\nfirst *page*\f## Two\r\nsecond page';
  const document = await parser.parse(new TextEncoder().encode(source), { fileName: 'a.md' });
  assert.deepEqual(document.pages, [{ number: 1, text: 'One\nfirst page' }, { number: 2, text: 'Two\nsecond page' }]);
  const offsets = document.sourceOffsets ?? [];
  assert.equal(offsets.length, 2);
  document.pages.forEach((page, index) => {
    const map = offsets[index] ?? [];
    const start = page.text.indexOf('page');
    assert.equal(source.slice(map[start], map[start + 4]), 'page');
  });
});

void test('a file of only markup is an empty file', async () => {
  await assert.rejects(parser.parse(new TextEncoder().encode('<div></div>\n\n---\n'), { fileName: 'a.md' }), { code: 'PROPO_ERR_EMPTY_FILE' });
});

/** Words of text[start, end); a word also ends where the source has markup inside it (e.g. `Box`es). */
function wordsOf(text: string, map: number[], start: number, end: number): string[] {
  const words: string[] = [];
  let word = '';
  for (let index = start; index < end; index += 1) {
    const char = text[index] ?? '';
    const contiguous = index > start && map[index] === (map[index - 1] ?? 0) + 1;
    if (!/[\p{L}\p{N}]/u.test(char) || !contiguous) {
      if (word !== '') words.push(word);
      word = '';
    }
    if (/[\p{L}\p{N}]/u.test(char)) word += char;
  }
  if (word !== '') words.push(word);
  return words;
}

void test('in every real Markdown file, cited spans map back to source spans holding the same words', async () => {
  const files = readdirSync(mdDir).filter((name) => name.endsWith('.md'));
  assert.ok(files.length >= 10, `found ${files.length} files in ${mdDir}`);
  let checked = 0;
  for (const name of files) {
    const bytes = readFileSync(join(mdDir, name));
    const source = new TextDecoder().decode(bytes);
    const document = await parser.parse(new Uint8Array(bytes), { fileName: name });
    const page = document.pages[0];
    const map = document.sourceOffsets?.[0];
    assert.ok(page !== undefined && map !== undefined, name);
    assertMapIsFaithful(source, page.text, map);
    const step = Math.max(1, Math.floor(page.text.length / 60));
    for (let start = 0; start < page.text.length; start += step) {
      const end = Math.min(page.text.length, start + 1 + ((start * 7919) % 300));
      const words = wordsOf(page.text, map, start, end);
      const sourceSlice = source.slice(map[start], map[end]);
      let from = 0;
      for (const word of words) {
        const at = sourceSlice.indexOf(word, from);
        assert.ok(at >= 0, `${name} [${start},${end}): "${word}" not found in order in source slice`);
        from = at + word.length;
      }
      checked += 1;
    }
  }
  assert.ok(checked > 500, `checked ${checked} spans`);
});
