/** `bin/propo ops perf --url`: p50/p95/max of N questions against a running instance, plus a /metrics summary. */
import { askOverHttp } from './ask-over-http.ts';

export interface PerformanceReport {
  requests: number;
  failures: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  metrics: Record<string, number>;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

const SUMMARY_METRICS = ['http_requests_total', 'propo_answers_total', 'propo_no_match_answers_total', 'propo_documents', 'propo_propositions', 'propo_redis_up', 'propo_llm_cost_usd_total', 'process_resident_memory_bytes'];

/** Sums every series of the listed metric names in Prometheus exposition text. */
export function summariseMetrics(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+([-+0-9.eE]+|NaN)/.exec(line);
    if (!match?.[1] || !SUMMARY_METRICS.includes(match[1])) continue;
    out[match[1]] = (out[match[1]] ?? 0) + Number(match[3]);
  }
  return out;
}

export async function performanceAudit(options: { url: string; metricsUrl?: string; questions: string[]; count: number; token?: string }): Promise<PerformanceReport> {
  const times: number[] = [];
  let failures = 0;
  for (let i = 0; i < options.count; i += 1) {
    const question = options.questions[i % options.questions.length] ?? 'What is in my documents?';
    try {
      times.push((await askOverHttp(options.url, question, options.token ? { token: options.token } : {})).ms);
    } catch {
      failures += 1;
    }
  }
  times.sort((a, b) => a - b);
  let metrics: Record<string, number> = {};
  if (options.metricsUrl) {
    const response = await fetch(`${options.metricsUrl.replace(/\/+$/, '')}/metrics`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
    if (response?.ok) metrics = summariseMetrics(await response.text());
  }
  const round = (n: number) => Math.round(n * 10) / 10;
  return { requests: options.count, failures, p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), maxMs: round(times[times.length - 1] ?? 0), metrics };
}
