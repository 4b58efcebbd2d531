/**
 * Test helper: a real Propo app (SQLite + LanceDB + offline embedder) in fresh temp dirs.
 * Environment values are passed explicitly so tests never read the developer's .env.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig, type PropoConfig } from '../core/config/index.ts';
import { createApp, type AppOverrides, type PropoApp } from '../app/compose.ts';
import { UNREACHABLE_HUB_URL } from './unreachable-hub.ts';

export const REPO_ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const DATASETS = resolve(REPO_ROOT, '../shared/datasets');

export function tempDir(prefix = 'propo-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function testConfig(env: Record<string, string> = {}, overrides: Record<string, unknown> = {}): PropoConfig {
  const root = tempDir();
  return loadConfig({ env: { EMBED_HUB_URL: UNREACHABLE_HUB_URL, ...env }, dotenvPath: false, cwd: root, overrides: { dataDir: join(root, 'data'), logDir: join(root, 'logs'), 'backup.dir': join(root, 'backups'), ...overrides } }).config;
}

export interface TempApp { app: PropoApp; config: PropoConfig; cleanup(): Promise<void> }

export async function createTempApp(env: Record<string, string> = {}, overrides: Record<string, unknown> = {}, appOverrides: AppOverrides = {}): Promise<TempApp> {
  const config = testConfig(env, overrides);
  const app = await createApp(config, appOverrides);
  return {
    app,
    config,
    async cleanup() {
      await app.close();
      rmSync(resolve(config.dataDir, '..'), { recursive: true, force: true });
    },
  };
}
