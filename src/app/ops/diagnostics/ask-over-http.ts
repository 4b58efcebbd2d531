/** One question to a running Propo over its OpenAI-compatible API (non-streaming), with timing. */
import { PropoError } from '../../../core/errors/index.ts';

export interface HttpAnswer {
  status: number;
  ms: number;
  content: string;
  citations: Array<{ file: string; page: number; start: number; end: number; text: string }>;
}

export async function askOverHttp(baseUrl: string, question: string, options: { token?: string; timeoutMs?: number } = {}): Promise<HttpAnswer> {
  const started = performance.now();
  const response = await fetch(`${baseUrl.replace(/\/+$/, '')}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
    body: JSON.stringify({ model: 'propo', stream: false, messages: [{ role: 'user', content: question }] }),
    signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
  });
  const body = await response.json().catch(() => null) as { choices?: Array<{ message?: { content?: string } }>; citations?: HttpAnswer['citations']; error?: { code: string; message: string } } | null;
  const ms = performance.now() - started;
  if (!response.ok) throw new PropoError('PROPO_ERR_VALIDATION', `POST /v1/chat/completions answered ${response.status}: ${body?.error?.code ?? ''} ${body?.error?.message ?? ''}`.trim());
  return { status: response.status, ms, content: body?.choices?.[0]?.message?.content ?? '', citations: body?.citations ?? [] };
}
