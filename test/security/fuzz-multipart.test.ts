/**
 * Issue 14 items 9 and 10: multipart bodies (well-formed, truncated, without a boundary, random
 * bytes) on POST /api/documents, and out-of-range query/body values, answer 4xx with a typed
 * error, never a 500. Through the full server.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildServer } from '../../src/app/http/index.ts';
import { ERROR_CATALOGUE } from '../../src/core/errors/index.ts';
import { makeTestApp, type TestApp } from './security-harness.ts';

const RUNS = process.env.PROPO_TEST_SIZE === 'large' ? 500 : 40;

let t: TestApp;
let server: FastifyInstance;
before(async () => {
  t = await makeTestApp({}, { 'limits.uploadPerMinute': 100_000, 'limits.chatPerMinute': 100_000, maxFileSizeMb: 0.05 });
  server = await buildServer(t.app);
});
after(async () => {
  await server.close();
  await t.close();
});

function assertTyped4xx(response: LightMyRequestResponse, what: string): void {
  assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${what} → ${response.statusCode} ${response.body.slice(0, 200)}`);
  const code = response.json<{ error?: { code?: string } }>().error?.code ?? '';
  assert.ok(code in ERROR_CATALOGUE, `${what} → untyped error ${response.body.slice(0, 200)}`);
}

const upload = (headers: Record<string, string>, payload: Buffer) => server.inject({ method: 'POST', url: '/api/documents', headers, payload });

void test('regressions: multipart without a boundary, truncated, random bytes → 400 PROPO_ERR_VALIDATION', async () => {
  const part = '--XX\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello wor';
  const cases: Array<[string, Record<string, string>, Buffer]> = [
    ['no boundary', { 'content-type': 'multipart/form-data' }, Buffer.from('hello')],
    ['truncated', { 'content-type': 'multipart/form-data; boundary=XX' }, Buffer.from(part)],
    ['random bytes', { 'content-type': 'multipart/form-data; boundary=XX' }, Buffer.from(Array.from({ length: 500 }, (_, i) => (i * 7919) % 256))],
  ];
  for (const [name, headers, payload] of cases) {
    const response = await upload(headers, payload);
    assert.equal(response.statusCode, 400, `${name}: ${response.body}`);
    assert.equal(response.json<{ error: { code: string } }>().error.code, 'PROPO_ERR_VALIDATION', name);
  }
});

void test('regression: GET /api/costs/ledger?offset=99999999999999999999 → 400', async () => {
  const response = await server.inject({ method: 'GET', url: '/api/costs/ledger?offset=99999999999999999999' });
  assert.equal(response.statusCode, 400, response.body);
  assert.equal(response.json<{ error: { code: string } }>().error.code, 'PROPO_ERR_VALIDATION');
});

void test('regression: /v1/chat/completions caps document_ids as /api/chat does (1,000 ids of ≤ 100 characters)', async () => {
  const messages = [{ role: 'user', content: 'what is in my documents?' }];
  const many = await server.inject({ method: 'POST', url: '/v1/chat/completions', payload: { messages, document_ids: Array.from({ length: 1001 }, (_, i) => `id-${i}`) } });
  assert.equal(many.statusCode, 400, many.body.slice(0, 200));
  const long = await server.inject({ method: 'POST', url: '/v1/chat/completions', payload: { messages, document_ids: ['x'.repeat(101)] } });
  assert.equal(long.statusCode, 400, long.body.slice(0, 200));
  const chat = await server.inject({ method: 'POST', url: '/api/chat', payload: { question: 'what?', documentIds: Array.from({ length: 1001 }, (_, i) => `id-${i}`) } });
  assert.equal(chat.statusCode, 400, 'the same cap as /api/chat');
  const ok = await server.inject({ method: 'POST', url: '/v1/chat/completions', payload: { messages, document_ids: ['doc-1'] } });
  assert.equal(ok.statusCode, 200, ok.body.slice(0, 200));
});

const boundaryArb = fc.stringMatching(/^[A-Za-z0-9'()+_,.:=?-]{1,40}$/);
const fileArb = fc.record({
  name: fc.oneof(fc.constantFrom('a.txt', 'notes.md', 'x.pdf', 'blob.bin', ''), fc.string({ maxLength: 30 })),
  bytes: fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ maxLength: 300 }).map((s) => new TextEncoder().encode(s))),
});
/** A multipart body, then one of: intact, cut at a position, bytes flipped, or the boundary dropped from the header. */
const multipartArb = fc.record({
  boundary: boundaryArb,
  files: fc.array(fileArb, { maxLength: 3 }),
  password: fc.option(fc.string({ maxLength: 20 })),
  damage: fc.oneof(
    fc.constant({ kind: 'none' as const }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({ kind: fc.constant('flip' as const), positions: fc.array(fc.nat(), { maxLength: 8 }) }),
    fc.constant({ kind: 'no-boundary' as const }),
    fc.record({ kind: fc.constant('random' as const), bytes: fc.uint8Array({ maxLength: 400 }) }),
  ),
});

interface MultipartInput { boundary: string; files: Array<{ name: string; bytes: Uint8Array }>; password: string | null; damage: { kind: string; at?: number; positions?: number[]; bytes?: Uint8Array } }

function build(input: MultipartInput): { headers: Record<string, string>; payload: Buffer } {
  const { boundary } = input;
  const chunks: Buffer[] = [];
  if (input.password !== null) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="password"\r\n\r\n${input.password}\r\n`));
  for (const file of input.files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name.replace(/["\r\n]/g, '_')}"\r\nContent-Type: application/octet-stream\r\n\r\n`), Buffer.from(file.bytes), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  let payload = Buffer.concat(chunks);
  let contentType = `multipart/form-data; boundary=${boundary}`;
  const { damage } = input;
  if (damage.kind === 'cut') payload = payload.subarray(0, Math.floor(payload.length * (damage.at ?? 0)));
  if (damage.kind === 'flip') for (const p of damage.positions ?? []) if (payload.length > 0) payload[p % payload.length] = (payload[p % payload.length] ?? 0) ^ 0xff;
  if (damage.kind === 'no-boundary') contentType = 'multipart/form-data';
  if (damage.kind === 'random') payload = Buffer.from(damage.bytes ?? []);
  return { headers: { 'content-type': contentType }, payload };
}

void test(`POST /api/documents with ${RUNS} generated multipart bodies never answers 5xx; refusals are typed`, { timeout: 600_000 }, async () => {
  await fc.assert(fc.asyncProperty(multipartArb, async (input) => {
    const { headers, payload } = build(input);
    const response = await upload(headers, payload);
    const what = `${input.damage.kind} ${input.files.length} file(s)`;
    if (response.statusCode < 400) {
      const results = response.json<{ documents?: Array<{ status: string; error?: { code: string } }> }>().documents ?? [];
      for (const result of results) if (result.status === 'failed') assert.ok((result.error?.code ?? '') in ERROR_CATALOGUE, `${what}: untyped per-file failure`);
      return;
    }
    assertTyped4xx(response, what);
  }), { numRuns: RUNS, seed: 20261202 });
});
