/**
 * Shared setup for the security tests: a real app (SQLite, LanceDB, hash embedder) in a temp
 * dir, configured through loadConfig exactly as in production, and a helper for cookie logins.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createApp, type AppOverrides, type PropoApp } from '../../src/app/compose.ts';
import { loadConfig, type PropoConfig } from '../../src/core/config/index.ts';
import { UNREACHABLE_HUB_URL } from '../../src/testing/unreachable-hub.ts';

export const ADMIN_PASS = 'correct-horse-battery-staple';

export interface TestApp { app: PropoApp; config: PropoConfig; dir: string; close(): Promise<void> }

export async function makeTestApp(env: Record<string, string> = {}, overrides: Record<string, unknown> = {}, appOverrides: AppOverrides = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'propo-sec-'));
  const { config } = loadConfig({
    cwd: dir,
    dotenvPath: false,
    env: { NODE_ENV: 'test', EMBED_HUB_URL: UNREACHABLE_HUB_URL, PROPO_DATA_DIR: join(dir, 'data'), PROPO_LOG_DIR: join(dir, 'logs'), BACKUP_DIR: join(dir, 'backups'), ...env },
    overrides,
  });
  const app = await createApp(config, appOverrides);
  return {
    app, config, dir,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const AUTH_ENV = { GRADIO_AUTH_ENABLED: 'true', GRADIO_AUTH_USER: 'admin', GRADIO_AUTH_PASS: ADMIN_PASS };

export interface Login { cookie: string; csrfToken: string; response: LightMyRequestResponse }

/** Logs in through the real route; returns the session cookie header and the CSRF token. */
export async function login(server: FastifyInstance, username: string, password: string, ip = '127.0.0.1'): Promise<Login> {
  const response = await server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
  const setCookie = response.cookies.find((c) => c.name === 'propo_session');
  const body = response.json<{ csrfToken?: string }>();
  return { cookie: setCookie ? `propo_session=${setCookie.value}` : '', csrfToken: body.csrfToken ?? '', response };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
