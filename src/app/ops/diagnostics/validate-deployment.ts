/**
 * `bin/propo ops validate [--url]`: the configuration loads and validates, and a running
 * instance answers /health?detailed=true (200: healthy or degraded) and /ready.
 */
export interface DeploymentCheck { name: string; ok: boolean; detail: string }

async function getJson(url: string, timeoutMs: number): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
  let body: unknown = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  return { status: response.status, body };
}

export async function validateDeployment(baseUrl: string, options: { timeoutMs?: number } = {}): Promise<DeploymentCheck[]> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const checks: DeploymentCheck[] = [];
  const base = baseUrl.replace(/\/+$/, '');
  for (const [name, path] of [['health', '/health?detailed=true'], ['ready', '/ready']] as const) {
    try {
      const { status, body } = await getJson(base + path, timeoutMs);
      const summary = typeof body === 'object' && body !== null
        ? Object.entries(body as Record<string, unknown>).map(([k, v]) => (k === 'checks' && typeof v === 'object' && v !== null
          ? `checks: ${Object.entries(v as Record<string, { status?: string }>).map(([c, r]) => `${c}=${r.status ?? '?'}`).join(' ')}`
          : `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)).join(', ')
        : String(body).slice(0, 200);
      checks.push({ name, ok: status === 200, detail: `HTTP ${status} ${summary}` });
    } catch (error) {
      checks.push({ name, ok: false, detail: `${base}${path} unreachable: ${(error as Error).message}` });
    }
  }
  return checks;
}
