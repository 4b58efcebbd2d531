/** `bin/propo mcp` as a real child process, driven by the SDK's stdio client on a temp data dir. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { propoBin, run } from '../ops/serve-process.ts';
import { DATASETS } from '../web/test-app.ts';
import { checkPropoMcp, MD_FILE } from './check-propo-mcp.ts';

const dir = mkdtempSync(join(tmpdir(), 'propo-mcp-stdio-'));
const env = { PROPO_DATA_DIR: join(dir, 'data'), PROPO_LOG_DIR: join(dir, 'logs'), LLM_PROVIDER: 'none', OPENROUTER_API_KEY: '' };
let client: Client;

before(async () => {
  const ingested = await run(propoBin, ['ingest', join(DATASETS, 'documents/md', MD_FILE)], env, dir);
  assert.equal(ingested.code, 0, ingested.stderr);
  client = new Client({ name: 'propo-test', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: propoBin, args: ['mcp'], cwd: dir, env: { ...process.env, ...env } as Record<string, string>, stderr: 'pipe' }));
});
after(async () => {
  await client.close();
  rmSync(dir, { recursive: true, force: true });
});

void test('stdio: tools and resources answer with citations that resolve to exact spans', async () => {
  assert.equal(client.getServerVersion()?.name, 'propo');
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((t) => t.name).sort(), ['ask', 'cite', 'list_documents', 'search'], 'ingest_path is off by default');
  await checkPropoMcp(client);
});
