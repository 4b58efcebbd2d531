/**
 * Web pages by URL (issue 16) against a real local HTTP server: a page is fetched (through a
 * redirect), parsed by the HTML parser, stored with its URL as source and answered with a resolving
 * citation — only because the test allows 127.0.0.1/32 in web.allowedNetworks. Refused: loopback
 * when not allowed (by IP literal, by name, IPv4-mapped IPv6), a redirect to another private or a
 * link-local (cloud metadata) address, non-http schemes, redirect loops, an oversized body (declared
 * and streamed), a server that never answers (timeout), HTTP errors and non-page types. Also the
 * HTTP route and `bin/propo ingest https://…` in a child process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTempApp, REPO_ROOT } from '../../src/testing/temp-app.ts';
import { storeViolations } from '../../src/testing/store-invariants.ts';
import { runCommand } from '../../src/testing/run-command.ts';
import { UNREACHABLE_HUB_URL } from '../../src/testing/unreachable-hub.ts';
import { makeHtmlPage } from '../../src/testing/make-documents.ts';
import { isPrivateAddress, pageFileName } from '../../src/providers/web/fetch-web-page.ts';

const ARTICLE = makeHtmlPage('Tide mills', [
  { heading: 'How they worked', paragraphs: ['A tide mill stored sea water behind a dam at high tide and released it through the wheel as the tide fell.'] },
  { heading: 'History', paragraphs: ['The Woodbridge tide mill in Suffolk has ground grain since 1170 and still turns today.'] },
]);

/** A local server with the routes the tests need; `/slow` accepts and never answers. */
async function startSite(): Promise<{ server: Server; base: string; close(): Promise<void> }> {
  const hanging = new Set<import('node:http').ServerResponse>();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const port = (server.address() as AddressInfo).port;
    switch (url.pathname) {
      case '/articles/tide-mills': response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE); break;
      case '/latin1': response.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' }).end(Buffer.from('<html><body><p>Caf\xe9 cr\xe8me costs three euros at the harbour kiosk every morning.</p></body></html>', 'latin1')); break;
      case '/moved': response.writeHead(301, { location: '/articles/tide-mills' }).end(); break;
      case '/to-other-loopback': response.writeHead(302, { location: `http://127.0.0.2:${port}/articles/tide-mills` }).end(); break;
      case '/to-metadata': response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(); break;
      case '/to-file': response.writeHead(302, { location: 'file:///etc/passwd' }).end(); break;
      case '/loop': response.writeHead(302, { location: '/loop' }).end(); break;
      case '/big': response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50_000) }).end('x'.repeat(50_000)); break;
      case '/big-chunked': {
        response.writeHead(200, { 'content-type': 'text/html' });
        for (let i = 0; i < 50; i++) response.write('<p>' + 'y'.repeat(1000) + '</p>');
        response.end();
        break;
      }
      case '/slow': hanging.add(response); break;
      case '/image': response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47])); break;
      default: response.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server, base: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

test('private, loopback, link-local and embedded-IPv4 addresses are private; public ones are not', () => {
  for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '64:ff9b::a9fe:a9fe', '2002:7f00:1::1']) {
    assert.equal(isPrivateAddress(address), true, address);
  }
  for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) assert.equal(isPrivateAddress(address), false, address);
  assert.equal(pageFileName(new URL('https://example.com/articles/tide mills.html?x=1'), '.html'), 'example.com-articles-tide-mills.html');
  assert.equal(pageFileName(new URL('https://example.com/'), '.html'), 'example.com.html');
});

test('a page is fetched through a redirect, stored with its URL and cited; SSRF, size, time and type refusals keep the store', { timeout: 10 * 60_000 }, async () => {
  const site = await startSite();
  const { app, cleanup } = await createTempApp({}, { 'web.allowedNetworks': ['127.0.0.1/32'], 'web.timeoutMs': 1500, 'web.maxRedirects': 3, maxFileSizeMb: 0.02 });
  try {
    const result = await app.ingestUrl(`${site.base}/moved`);
    assert.equal(result.status, 'ingested', `${result.error?.code ?? ''} ${result.error?.message ?? ''}`);
    assert.equal(result.file, '127.0.0.1-articles-tide-mills.html');
    const stored = app.documents.findById(result.id);
    assert.equal(stored?.sourcePath, `${site.base}/articles/tide-mills`, 'the final URL is the source');
    assert.equal(stored?.kind, 'html');
    const answer = await app.ask('Since when has the Woodbridge tide mill ground grain?');
    const match = /\[127\.0\.0\.1-articles-tide-mills\.html:(\d+):(\d+)-(\d+)\]/.exec(answer.answer);
    assert.ok(match, answer.answer);
    const page = app.documents.pages(result.id).find((p) => p.number === Number(match[1]))?.text ?? '';
    assert.match(page.slice(Number(match[2]), Number(match[3])), /Woodbridge tide mill/);

    const latin1 = await app.ingestUrl(`${site.base}/latin1`);
    assert.equal(latin1.status, 'ingested', latin1.error?.message);
    assert.match(app.documents.pages(latin1.id)[0]?.text ?? '', /Café crème costs three euros/, 'the declared charset is decoded');

    const refusals: Array<[string, string, RegExp]> = [
      [`${site.base}/to-other-loopback`, 'PROPO_ERR_URL_REFUSED', /127\.0\.0\.2.*web\.allowedNetworks/],
      [`${site.base}/to-metadata`, 'PROPO_ERR_URL_REFUSED', /169\.254\.169\.254/],
      [`${site.base}/to-file`, 'PROPO_ERR_URL_REFUSED', /only http and https/],
      [`${site.base}/loop`, 'PROPO_ERR_URL_REFUSED', /redirected more than 3 times/],
      [`${site.base}/big`, 'PROPO_ERR_FILE_TOO_LARGE', /larger than/],
      [`${site.base}/big-chunked`, 'PROPO_ERR_FILE_TOO_LARGE', /download was stopped/],
      [`${site.base}/slow`, 'PROPO_ERR_TIMEOUT', /longer than 1500 ms/],
      [`${site.base}/missing`, 'PROPO_ERR_URL_FETCH', /HTTP 404/],
      [`${site.base}/image`, 'PROPO_ERR_UNSUPPORTED_TYPE', /image\/png/],
      [`http://user:secret@127.0.0.1:1/`, 'PROPO_ERR_URL_REFUSED', /user name or password/],
      ['not a url', 'PROPO_ERR_VALIDATION', /not a URL/],
    ];
    for (const [url, code, message] of refusals) {
      const refused = await app.ingestUrl(url);
      assert.equal(refused.status, 'failed', url);
      assert.equal(refused.error?.code, code, `${url}: ${refused.error?.message ?? ''}`);
      assert.match(refused.error?.message ?? '', message, url);
    }
    assert.equal(app.documents.list({}).length, 2, 'only the two good pages are stored');
    assert.deepEqual(await storeViolations(app), []);
  } finally {
    await cleanup();
    await site.close();
  }
});

test('by default loopback is refused however it is spelled; the HTTP route and the CLI fetch when allowed', { timeout: 10 * 60_000 }, async () => {
  const site = await startSite();
  const { port } = site.server.address() as AddressInfo;
  const { app, cleanup } = await createTempApp();
  const dir = mkdtempSync(join(tmpdir(), 'propo-url-cli-'));
  try {
    for (const url of [`${site.base}/articles/tide-mills`, `http://localhost:${port}/articles/tide-mills`, `http://[::ffff:127.0.0.1]:${port}/articles/tide-mills`]) {
      const refused = await app.ingestUrl(url);
      assert.equal(refused.error?.code, 'PROPO_ERR_URL_REFUSED', `${url}: ${refused.error?.message ?? ''}`);
    }
    const { buildServer } = await import('../../src/app/http/index.ts');
    const server = await buildServer(app);
    try {
      const refused = await server.inject({ method: 'POST', url: '/api/documents/url', payload: { url: `${site.base}/articles/tide-mills` } });
      assert.equal(refused.statusCode, 200);
      assert.equal(refused.json<{ documents: Array<{ error?: { code: string } }> }>().documents[0]?.error?.code, 'PROPO_ERR_URL_REFUSED');
      const invalid = await server.inject({ method: 'POST', url: '/api/documents/url', payload: { url: `${site.base}/x`, ocr: 'sometimes' } });
      assert.equal(invalid.statusCode, 400);
    } finally {
      await server.close();
    }
    assert.equal(app.documents.list({}).length, 0);

    // Allowed by config: the route stores the page with its source; the CLI does the same in a child process.
    const allowed = await createTempApp({}, { 'web.allowedNetworks': ['127.0.0.0/8'] });
    const allowedServer = await buildServer(allowed.app);
    try {
      const ok = await allowedServer.inject({ method: 'POST', url: '/api/documents/url', payload: { url: `${site.base}/articles/tide-mills` } });
      assert.equal(ok.statusCode, 200, ok.body);
      const doc = ok.json<{ documents: Array<{ status: string; source: string }> }>().documents[0];
      assert.deepEqual([doc?.status, doc?.source], ['ingested', `${site.base}/articles/tide-mills`]);
    } finally {
      await allowedServer.close();
      await allowed.cleanup();
    }
    const config = join(dir, 'config.yaml');
    writeFileSync(config, 'web:\n  allowedNetworks: ["127.0.0.1/32"]\n');
    const env = { ...process.env, EMBED_HUB_URL: UNREACHABLE_HUB_URL, NODE_ENV: 'test' };
    const cli = await runCommand(join(REPO_ROOT, 'bin/propo'), ['--config', config, '--data-dir', join(dir, 'data'), 'ingest', '--json', `${site.base}/articles/tide-mills`, `${site.base}/to-metadata`], { env, allowFailure: true });
    assert.equal(cli.code, 2, cli.stderr);
    const { documents } = JSON.parse(cli.stdout) as { documents: Array<{ file: string; status: string; error?: { code: string } }> };
    assert.deepEqual(documents.map((d) => [d.file, d.status, d.error?.code]), [
      ['127.0.0.1-articles-tide-mills.html', 'ingested', undefined],
      [`${site.base}/to-metadata`, 'failed', 'PROPO_ERR_URL_REFUSED'],
    ]);
    // A malformed network is a config error at start, for every command (the fetcher itself loads on the first URL).
    writeFileSync(config, 'web:\n  allowedNetworks: ["10.0.0.0/33"]\n');
    const bad = await runCommand(join(REPO_ROOT, 'bin/propo'), ['--config', config, '--data-dir', join(dir, 'data'), 'docs', 'list'], { env, allowFailure: true });
    assert.equal(bad.code, 1, bad.stderr);
    assert.match(bad.stderr, /PROPO_ERR_CONFIG_INVALID[\s\S]*web\.allowedNetworks\.0: "10\.0\.0\.0\/33" is not an address or CIDR/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await cleanup();
    await site.close();
  }
});
