/**
 * `bin/propo ops integration <base-url>`: an end-to-end check against any running instance over
 * HTTP: upload a sample document, ask about it, and check that every citation resolves through
 * /api/citations/resolve and that its text is exactly pageText.slice(start, end).
 */
import { askOverHttp } from './ask-over-http.ts';

export interface IntegrationStep { name: string; ok: boolean; detail: string }

export const SAMPLE_DOCUMENT = {
  fileName: 'propo-integration-sample.md',
  text: '# Integration sample\n\nThe lighthouse keeper of Skerry Point logs the tide every four hours.\n\nThe lighthouse lamp was converted to solar power in 2019.\n',
  question: 'When was the lighthouse lamp converted to solar power?',
};

export async function integrationCheck(baseUrl: string, options: { token?: string } = {}): Promise<IntegrationStep[]> {
  const base = baseUrl.replace(/\/+$/, '');
  const auth: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  const steps: IntegrationStep[] = [];
  const step = (name: string, ok: boolean, detail: string) => { steps.push({ name, ok, detail }); return ok; };

  const form = new FormData();
  form.append('files', new Blob([SAMPLE_DOCUMENT.text], { type: 'text/markdown' }), SAMPLE_DOCUMENT.fileName);
  try {
    const response = await fetch(`${base}/api/documents`, { method: 'POST', body: form, headers: auth, signal: AbortSignal.timeout(60_000) });
    const body = await response.json().catch(() => null) as { documents?: Array<{ status: string; error?: { code: string } }> } | null;
    const status = body?.documents?.[0]?.status ?? 'none';
    if (!step('upload', response.ok && (status === 'ingested' || status === 'unchanged'), `HTTP ${response.status}, status ${status}`)) return steps;
  } catch (error) {
    step('upload', false, (error as Error).message);
    return steps;
  }
  let citations: Awaited<ReturnType<typeof askOverHttp>>['citations'] = [];
  try {
    const answer = await askOverHttp(base, SAMPLE_DOCUMENT.question, options);
    citations = answer.citations;
    if (!step('ask', citations.length > 0, `${citations.length} citations in ${answer.ms.toFixed(0)} ms`)) return steps;
  } catch (error) {
    step('ask', false, (error as Error).message);
    return steps;
  }
  for (const citation of citations) {
    const marker = `[${citation.file}:${citation.page}:${citation.start}-${citation.end}]`;
    try {
      const response = await fetch(`${base}/api/citations/resolve?marker=${encodeURIComponent(marker)}`, { headers: auth, signal: AbortSignal.timeout(10_000) });
      const resolved = await response.json() as { text?: string; pageText?: string };
      const slice = resolved.pageText?.slice(citation.start, citation.end);
      step(`cite ${marker}`, response.ok && resolved.text === slice && slice === citation.text, response.ok ? (resolved.text === slice ? 'text equals the page slice' : 'text differs from the page slice') : `HTTP ${response.status}`);
    } catch (error) {
      step(`cite ${marker}`, false, (error as Error).message);
    }
  }
  return steps;
}
