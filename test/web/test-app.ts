/** Test plumbing for the web tests: a real app in temp dirs, and hand-built multipart bodies. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/core/config/index.ts';
import { createApp, type PropoApp } from '../../src/app/compose.ts';
import { UNREACHABLE_HUB_URL } from '../../src/testing/unreachable-hub.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const DATASETS = resolve(REPO_ROOT, '../shared/datasets');
export const PDF_DIR = join(DATASETS, 'documents/pdf');

export interface TestApp { app: PropoApp; dataDir: string; cleanup(options?: { appClosed?: boolean }): Promise<void> }

export async function createTestApp(env: Record<string, string> = {}, overrides: Record<string, unknown> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'propo-web-data-'));
  const logDir = mkdtempSync(join(tmpdir(), 'propo-web-logs-'));
  const { config } = loadConfig({ env: { EMBED_HUB_URL: UNREACHABLE_HUB_URL, ...env }, dotenvPath: false, overrides: { dataDir, logDir, ...overrides } });
  const app = await createApp(config);
  await app.recover();
  return {
    app,
    dataDir,
    async cleanup(options = {}) {
      if (!options.appClosed) await app.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(logDir, { recursive: true, force: true });
    },
  };
}

/** A multipart/form-data body built by hand (what a browser sends), with its content type. */
export function multipartBody(files: Array<{ name: string; bytes: Uint8Array; type?: string }>, fields: Record<string, string> = {}): { body: Buffer; contentType: string } {
  const boundary = `----propo-test-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const file of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    chunks.push(Buffer.from(file.bytes));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Splits an SSE body into its events, in order. */
export function parseSseText(text: string): Array<{ event: string; data: string }> {
  return text.split(/\n\n/).filter((block) => block.trim() !== '').map((block) => {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    return { event, data: data.join('\n') };
  });
}

/** Two one-sentence Markdown notes on unrelated topics (a lighthouse, an orchard): a question about one cites only it. */
export async function ingestTwoTopics(app: TestApp['app']): Promise<void> {
  const encode = (text: string) => new TextEncoder().encode(text);
  await app.ingest({ fileName: 'lighthouse.md', bytes: encode('The lighthouse lamp on Skerry Point was converted to solar power in 2019 by the harbour trust.\n') });
  await app.ingest({ fileName: 'orchard.md', bytes: encode('The orchard behind the mill grows forty varieties of heritage apples, pressed into cider each October.\n') });
}
