/**
 * Issue 12 item 9 (text-layer fidelity): symbols come out of the shared papers as the page shows them. For each
 * paper, every symbol (×, ±, ≤, ≥, ∈, √, ∞, Greek letters) on a line of `pdftotext` (poppler-utils), with the
 * word or number it is attached to ("3×", "±0.2"), is looked up in Propo's text (NFKC, no whitespace; the two
 * layouts order formulas differently, so whole lines are not compared): 90% must be found (the misses are table cells laid out in another order, e.g. ResNet's "×3" stacks), and Propo's
 * text must not hold a control character where a symbol was (FlashAttention stored "3× speedup" as "3\u0002
 * speedup" before the pdf.js font fix in pdfjs-worker-patch.ts).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createPdfParser } from '../../src/providers/parsers/pdf/pdf-parser.ts';

const pdfDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/datasets/documents/pdf');
// Papers whose symbols sit in running text; in Attention and PonderNet most sit in formulas (sub- and superscripts ordered differently).
const PAPERS = ['arxiv-2205.14135v2-flashattention.pdf', 'arxiv-1512.03385v1-resnet.pdf', 'arxiv-1910.02054v3-zero.pdf', 'arxiv-2204.02311v1-palm.pdf'];
const SYMBOL = /[×±≤≥∈√∞αβγδελμπσθΩ]/u;
/** Compared without whitespace (line breaks and column joins differ between the two layouts). */
const key = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '');

void test('symbol-bearing lines of real papers match pdftotext', async () => {
  const parser = createPdfParser({ maxPages: 100 });
  for (const paper of PAPERS) {
    const path = join(pdfDir, paper);
    let poppler: string;
    try {
      poppler = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    } catch (error) {
      assert.fail(`pdftotext (Debian package poppler-utils) is needed for this test: ${String(error)}`);
    }
    const document = await parser.parse(new Uint8Array(readFileSync(path)), { fileName: paper });
    const ours = key(document.pages.map((page) => page.text).join('\n'));
    const tokens = key(poppler.split('\n').filter((line) => SYMBOL.test(line)).join(' ')).length === 0 ? [] :
      poppler.split(/\s+/).filter((word) => SYMBOL.test(word)).map(key).filter((word) => word.length > 0);
    const missing = tokens.filter((token) => !ours.includes(token));
    console.log(`${paper}: ${tokens.length - missing.length}/${tokens.length} symbol tokens of pdftotext found`);
    assert.ok(tokens.length >= 5, `${paper}: found ${tokens.length} symbol tokens`);
    assert.ok(missing.length <= Math.floor(tokens.length * 0.1), `${paper}: ${missing.length} of ${tokens.length} missing, e.g. ${missing.slice(0, 5).join(' | ')}`);
    const controls = [...ours].filter((char) => { const code = char.codePointAt(0) ?? 32; return code < 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13; });
    assert.ok(controls.length <= 10, `${paper}: ${controls.length} control characters in the text`);
  }
  const flash = await parser.parse(new Uint8Array(readFileSync(join(pdfDir, PAPERS[0] ?? ''))), { fileName: 'flash' });
  assert.match(flash.pages[0]?.text ?? '', /3× speedup on\s+GPT-2/);
});
