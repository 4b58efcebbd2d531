import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createParsePool } from './parse-pool.ts';
import { isPropoError } from '../errors/index.ts';
import { DATASETS } from '../../testing/temp-app.ts';

test('pooled workers parse many files, keep typed errors, and survive a bad file', async () => {
  const pool = createParsePool({ size: 2, maxUses: 3, memoryMb: 512, timeoutMs: 60_000, maxPages: 1000 });
  try {
    const enc = (s: string) => new TextEncoder().encode(s);
    const texts = await Promise.all(Array.from({ length: 7 }, (_, i) => pool.parse(enc(`File ${i} text.\fPage two of ${i}.`), { kind: 'txt', fileName: `f${i}.txt` })));
    assert.deepEqual(texts.map((d) => d.pages.length), [2, 2, 2, 2, 2, 2, 2]);
    assert.equal(texts[3]?.pages[1]?.text, 'Page two of 3.');
    await assert.rejects(pool.parse(enc('not a pdf'), { kind: 'pdf', fileName: 'x.pdf' }), (e: unknown) => isPropoError(e) && e.code === 'PROPO_ERR_PDF_CORRUPT');
    await assert.rejects(pool.parse(readFileSync(join(DATASETS, 'documents/pdf/issue6010_1.pdf')), { kind: 'pdf', fileName: 'e.pdf' }), (e: unknown) => isPropoError(e) && e.code === 'PROPO_ERR_PDF_ENCRYPTED');
    const pdf = await pool.parse(readFileSync(join(DATASETS, 'documents/pdf/two_paragraphs.pdf')), { kind: 'pdf', fileName: 'two.pdf' });
    assert.ok(pdf.pages[0]?.text.length);
  } finally {
    await pool.close();
  }
});

test('a file that exceeds the time bound is stopped and the pool keeps working', async () => {
  const pool = createParsePool({ size: 1, memoryMb: 512, timeoutMs: 1, maxPages: 1000 });
  try {
    await assert.rejects(pool.parse(new TextEncoder().encode('slow'), { kind: 'txt', fileName: 'slow.txt' }), (e: unknown) => isPropoError(e) && e.code === 'PROPO_ERR_PARSE_TIMEOUT');
  } finally {
    await pool.close();
  }
  const healthy = createParsePool({ size: 1, memoryMb: 512, timeoutMs: 60_000, maxPages: 1000 });
  try {
    assert.equal((await healthy.parse(new TextEncoder().encode('fine text'), { kind: 'txt', fileName: 'ok.txt' })).pages.length, 1);
  } finally {
    await healthy.close();
  }
});
