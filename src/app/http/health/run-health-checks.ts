/**
 * Detailed health: each dependency is checked with a time bound and reported as
 * { status, latencyMs, detail }. Overall: unhealthy when a required dependency (SQLite, the vector
 * store, the embedder) fails; degraded when an optional one (the LLM, disk space, memory) does.
 */
import { statfs } from 'node:fs/promises';
import type { PropoApp } from '../../compose.ts';

export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy';

export interface CheckResult { status: HealthStatus; latencyMs: number; detail: string }

export interface HealthReport {
  status: HealthStatus;
  version: string;
  uptimeSeconds: number;
  checks: Record<string, CheckResult>;
  /** How questions are searched; `notice` says why semantic search is off when EMBEDDER=auto could not turn it on. */
  retrieval: RetrievalStatus;
}

export interface RetrievalStatus { mode: 'hybrid' | 'bm25'; embedder: string; source: string; notice?: string }

export function retrievalStatus(app: PropoApp): RetrievalStatus {
  const { dense, source, notice } = app.embedderStatus;
  return { mode: dense === 'none' ? 'bm25' : 'hybrid', embedder: app.embedder.name, source, ...(notice === undefined ? {} : { notice }) };
}

/** Below this much free disk in the data dir the app reports degraded. */
export const MIN_FREE_DISK_BYTES = 200 * 1024 * 1024;
const CHECK_TIMEOUT_MS = 3000;

type Outcome = { ok: boolean; detail: string; degradeOnly?: boolean };

async function timed(name: string, run: (signal: AbortSignal) => Promise<Outcome>, required: boolean): Promise<[string, CheckResult]> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ ok: false, detail: `no answer within ${CHECK_TIMEOUT_MS} ms` });
    }, CHECK_TIMEOUT_MS);
  });
  let outcome: Outcome;
  try {
    outcome = await Promise.race([run(controller.signal), timeout]);
  } catch (error) {
    outcome = { ok: false, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
  const failed: HealthStatus = required && !outcome.degradeOnly ? 'unhealthy' : 'degraded';
  return [name, { status: outcome.ok ? 'healthy' : failed, latencyMs: Math.round((performance.now() - started) * 10) / 10, detail: outcome.detail }];
}

export async function runHealthChecks(app: PropoApp, version: string): Promise<HealthReport> {
  const checks = await Promise.all([
    timed('sqlite', async () => {
      const row = app.db.prepare('SELECT 1 AS one').get() as { one: number } | undefined;
      return { ok: row?.one === 1, detail: 'SELECT 1' };
    }, true),
    timed('vectorStore', async () => {
      const health = await app.vectors.health();
      return { ok: health.ok, detail: `${app.vectors.name}${health.detail ? `: ${health.detail}` : ''}` };
    }, true),
    timed('embedder', async (signal) => {
      if (app.embedder.placeholderVectors) return { ok: true, detail: `${app.embedder.name}: no semantic model, retrieval is BM25-only (see retrieval.notice)` };
      const vector = await app.embedder.embedQuery('health', { signal });
      return { ok: vector.length === app.embedder.dimensions, detail: `${app.embedder.name} (${vector.length} dims)` };
    }, true),
    timed('llm', async (signal) => {
      if (!app.llm) return { ok: true, detail: 'not configured (extractive answers)' };
      if (!app.llm.ping) return { ok: true, detail: `${app.llm.name} ${app.llm.model} (no ping available)` };
      const ok = await app.llm.ping(signal);
      return { ok, detail: `${app.llm.name} ${app.llm.model}${ok ? '' : ' unreachable'}` };
    }, false),
    timed('redis', async () => {
      const health = await app.caches.health();
      if (health.state === 'disabled') return { ok: true, detail: 'not configured (in-process cache, limits, sessions)' };
      return { ok: health.state === 'up', detail: health.state === 'up' ? `up (${health.latencyMs ?? '?'} ms)` : 'down: serving with in-process fallbacks' };
    }, false),
    timed('disk', async () => {
      const stats = await statfs(app.config.dataDir);
      const free = stats.bavail * stats.bsize;
      const deferred = app.recoveryDeferredSince();
      const detail = `${Math.round(free / 1024 / 1024)} MiB free in the data dir${deferred ? `; crash recovery deferred since ${deferred.toISOString()} (disk full), retried by itself` : ''}`;
      return { ok: free >= MIN_FREE_DISK_BYTES && !deferred, detail };
    }, false),
    timed('memory', async () => {
      const usage = process.memoryUsage();
      const heapShare = usage.heapUsed / Math.max(1, usage.heapTotal);
      return { ok: usage.rss < 3 * 1024 ** 3, detail: `rss ${Math.round(usage.rss / 1024 / 1024)} MiB, heap ${Math.round(heapShare * 100)}% used` };
    }, false),
  ]);
  const byName = Object.fromEntries(checks);
  const statuses = checks.map(([, result]) => result.status);
  const status: HealthStatus = statuses.includes('unhealthy') ? 'unhealthy' : statuses.includes('degraded') ? 'degraded' : 'healthy';
  return { status, version, uptimeSeconds: uptimeSeconds(app), checks: byName, retrieval: retrievalStatus(app) };
}

export function uptimeSeconds(app: PropoApp): number {
  return Math.round((Date.now() - app.startedAt.getTime()) / 1000);
}
