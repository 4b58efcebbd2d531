/**
 * Issue 15, Documents tab API: `/api/documents` pages (limit/offset, total), sorts (name, date, pages) and
 * searches names and, with content=true, page text, keeping the old shape without parameters; failed
 * uploads are listed with their error; an encrypted PDF kept after failing is retried with its password
 * from the stored original, an unsupported file says to upload it again; a success clears the failure.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/app/http/index.ts';
import { createTestApp, multipartBody, PDF_DIR, type TestApp } from './test-app.ts';

interface Listed { documents: Array<{ file: string; pages: number; matchedContent?: boolean }>; total: number; offset: number; limit: number | null }
interface Failed { failed: Array<{ id: string; file: string; errorCode: string; errorMessage: string; kept: boolean; attempts: number }> }

const text = (pages: string[]) => new TextEncoder().encode(pages.join('\f'));

void describe('Documents list and failed uploads (issue 15)', () => {
  let t: TestApp;
  let server: FastifyInstance;
  const get = async <T>(url: string): Promise<T> => {
    const response = await server.inject({ method: 'GET', url });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<T>();
  };
  const upload = async (files: Array<{ name: string; bytes: Uint8Array }>, fields: Record<string, string> = {}) => {
    const { body, contentType } = multipartBody(files, fields);
    const response = await server.inject({ method: 'POST', url: '/api/documents', headers: { 'content-type': contentType }, payload: body });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ documents: Array<{ file: string; status: string; error?: { code: string } }> }>().documents;
  };

  before(async () => {
    t = await createTestApp();
    server = await buildServer(t.app);
    await server.ready();
    // Five text documents with different names and page counts (form feeds split pages), ingested in order.
    const docs = [['delta.txt', 3], ['alpha.txt', 1], ['echo.txt', 5], ['charlie.txt', 2], ['bravo.txt', 4]] as const;
    for (const [name, pages] of docs) {
      const body = Array.from({ length: pages }, (_, i) => `${name} page ${i + 1} talks about routine matters of the archive.${name === 'charlie.txt' && i === 1 ? ' The zeppelin landed at noon.' : ''}`);
      const result = await t.app.ingest({ fileName: name, bytes: text(body) });
      assert.equal(result.status, 'ingested', JSON.stringify(result));
    }
  });
  after(async () => {
    await server?.close();
    await t?.cleanup();
  });

  test('without parameters: every document, newest first, in the old shape plus counts', async () => {
    const all = await get<Listed>('/api/documents');
    assert.deepEqual(all.documents.map((d) => d.file), ['bravo.txt', 'charlie.txt', 'echo.txt', 'alpha.txt', 'delta.txt']);
    assert.equal(all.total, 5);
    assert.equal(all.limit, null);
  });

  test('sort by name, pages and date; limit/offset pages with a total', async () => {
    const byName = await get<Listed>('/api/documents?sort=name');
    assert.deepEqual(byName.documents.map((d) => d.file), ['alpha.txt', 'bravo.txt', 'charlie.txt', 'delta.txt', 'echo.txt']);
    const byPages = await get<Listed>('/api/documents?sort=pages');
    assert.deepEqual(byPages.documents.map((d) => d.pages), [5, 4, 3, 2, 1]);
    const oldest = await get<Listed>('/api/documents?sort=date&order=asc&limit=2');
    assert.deepEqual(oldest.documents.map((d) => d.file), ['delta.txt', 'alpha.txt']);
    const second = await get<Listed>('/api/documents?sort=name&limit=2&offset=2');
    assert.deepEqual([second.documents.map((d) => d.file), second.total, second.offset, second.limit], [['charlie.txt', 'delta.txt'], 5, 2, 2]);
    const past = await get<Listed>('/api/documents?sort=name&limit=2&offset=10');
    assert.deepEqual([past.documents.length, past.total], [0, 5]);
    assert.equal((await server.inject({ method: 'GET', url: '/api/documents?sort=size' })).statusCode, 400);
    assert.equal((await server.inject({ method: 'GET', url: '/api/documents?limit=0' })).statusCode, 400);
  });

  test('search by name, and by content when asked', async () => {
    assert.deepEqual((await get<Listed>('/api/documents?query=ech')).documents.map((d) => d.file), ['echo.txt']);
    assert.equal((await get<Listed>('/api/documents?query=zeppelin')).total, 0, 'names only by default');
    const content = await get<Listed>('/api/documents?query=zeppelin&content=true');
    assert.deepEqual(content.documents.map((d) => [d.file, d.matchedContent]), [['charlie.txt', true]]);
    const both = await get<Listed>('/api/documents?query=alpha&content=true&sort=name');
    assert.deepEqual(both.documents.map((d) => [d.file, d.matchedContent ?? false]), [['alpha.txt', false]]);
    // LIKE wildcards in the query are literal.
    assert.equal((await get<Listed>('/api/documents?query=%25&content=true')).total, 0);
  });

  test('failed uploads are listed; an encrypted PDF is retried from the kept original with its password', async () => {
    const results = await upload([
      { name: 'issue6010_1.pdf', bytes: readFileSync(join(PDF_DIR, 'issue6010_1.pdf')) },
      { name: 'installer.exe', bytes: new TextEncoder().encode('MZ\x90\x00this is a program') },
    ]);
    assert.deepEqual(results.map((r) => [r.file, r.status, r.error?.code]), [['issue6010_1.pdf', 'failed', 'PROPO_ERR_PDF_ENCRYPTED'], ['installer.exe', 'failed', 'PROPO_ERR_UNSUPPORTED_TYPE']]);
    const { failed } = await get<Failed>('/api/documents/failed');
    const pdf = failed.find((f) => f.file === 'issue6010_1.pdf');
    const exe = failed.find((f) => f.file === 'installer.exe');
    assert.ok(pdf && exe, JSON.stringify(failed));
    assert.deepEqual([pdf.errorCode, pdf.kept, exe.errorCode, exe.kept], ['PROPO_ERR_PDF_ENCRYPTED', true, 'PROPO_ERR_UNSUPPORTED_TYPE', false]);
    assert.equal(readdirSync(join(t.dataDir, 'failed-files')).length, 1, 'only the file a retry can fix is kept');

    const notKept = await server.inject({ method: 'POST', url: `/api/documents/failed/${exe.id}/retry`, payload: {} });
    assert.equal(notKept.statusCode, 404);
    assert.match(notKept.json<{ error: { message: string } }>().error.message, /Upload it again/);

    const wrong = await server.inject({ method: 'POST', url: `/api/documents/failed/${pdf.id}/retry`, payload: { password: 'not-it' } });
    assert.equal(wrong.json<{ documents: Array<{ status: string }> }>().documents[0]?.status, 'failed');
    assert.equal((await get<Failed>('/api/documents/failed')).failed.find((f) => f.id === pdf.id)?.attempts, 2);
    const right = await server.inject({ method: 'POST', url: `/api/documents/failed/${pdf.id}/retry`, payload: { password: 'abc' } });
    assert.equal(right.json<{ documents: Array<{ status: string }> }>().documents[0]?.status, 'ingested', right.body);
    const after = await get<Failed>('/api/documents/failed');
    assert.deepEqual(after.failed.map((f) => f.file), ['installer.exe'], 'the success cleared the failure');
    assert.equal(readdirSync(join(t.dataDir, 'failed-files')).length, 0, 'and dropped its kept bytes');
    assert.ok((await get<Listed>('/api/documents?query=issue6010')).total === 1);

    assert.equal((await server.inject({ method: 'DELETE', url: `/api/documents/failed/${exe.id}` })).statusCode, 200);
    assert.deepEqual((await get<Failed>('/api/documents/failed')).failed, []);
    assert.equal((await server.inject({ method: 'DELETE', url: `/api/documents/failed/${exe.id}` })).statusCode, 404);
    assert.ok(existsSync(join(t.dataDir, 'failed-files')));
  });
});
