/**
 * Every real document in ../shared/datasets/documents goes through the full pipeline
 * (detect → parse in a bounded worker → propositions → embed → store): each is ingested or
 * refused with a typed error, nothing crashes or hangs, and the span invariant holds over
 * everything stored.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CATALOGUE } from '../../src/core/errors/index.ts';
import { createTempApp, DATASETS } from '../../src/testing/temp-app.ts';
import { storeViolations } from '../../src/testing/store-invariants.ts';

const REFUSALS = new Set(['PROPO_ERR_PDF_ENCRYPTED', 'PROPO_ERR_PDF_CORRUPT', 'PROPO_ERR_PDF_NO_TEXT', 'PROPO_ERR_EMPTY_FILE', 'PROPO_ERR_PDF_LIMITS']);

test('every real document is ingested or refused with a typed error; spans exact over the whole store', { timeout: 20 * 60_000 }, async () => {
  const { app, cleanup } = await createTempApp();
  try {
    const files = ['pdf', 'md', 'txt'].flatMap((dir) => readdirSync(join(DATASETS, 'documents', dir)).sort().map((f) => join(DATASETS, 'documents', dir, f)));
    const outcomes: Array<{ file: string; status: string; code?: string; pages: number; propositions: number }> = [];
    for (const path of files) {
      const result = await app.ingest({ fileName: path.split('/').pop() as string, bytes: readFileSync(path) });
      outcomes.push({ file: result.file, status: result.status, pages: result.pages, propositions: result.propositions, ...(result.error ? { code: result.error.code } : {}) });
      if (result.status === 'failed') {
        assert.ok(result.error && result.error.code in ERROR_CATALOGUE, `${result.file}: untyped failure`);
        assert.ok(REFUSALS.has(result.error.code), `${result.file}: unexpected ${result.error.code}: ${result.error.message}`);
      }
    }
    console.log(outcomes.map((o) => `${o.status.padEnd(8)} ${o.file} ${o.code ?? `${o.pages}p/${o.propositions}prop`}`).join('\n'));
    const ingested = outcomes.filter((o) => o.status === 'ingested');
    assert.ok(ingested.length >= 70, `only ${ingested.length} of ${files.length} ingested`);
    for (const expected of ['issue6010_1.pdf', 'saslprep-r6.pdf']) assert.equal(outcomes.find((o) => o.file === expected)?.code, 'PROPO_ERR_PDF_ENCRYPTED');
    assert.deepEqual(await storeViolations(app), []);
  } finally {
    await cleanup();
  }
});
