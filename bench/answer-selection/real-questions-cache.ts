/**
 * Opens the scratch index that `bin/propo eval --dataset eval/datasets/real-questions` built
 * (`<data-dir>/eval-cache/real-questions-*`) as an app, for the diagnosis benches of this folder, with the
 * gold-hit rule of the eval (the span is on the gold page of the gold document and holds the gold substring).
 * Flags it reads: --data-dir, --dataset, --documents (the shared datasets folder, for worktrees where
 * `../shared` does not resolve), --set retrieval.key=value (repeatable).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApp } from '../../src/app/compose.ts';
import { loadConfig } from '../../src/core/config/load-config.ts';
import { loadRealQuestions } from '../../src/core/eval/real-questions/index.ts';
import type { GoldLocation } from '../../src/core/eval/real-questions/real-questions-types.ts';

export interface CacheFlags { 'data-dir'?: string | undefined; dataset?: string | undefined; documents?: string | undefined; set?: string[] | undefined }
export interface Span { documentId: string; page: number; text: string }

export const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

export async function openRealQuestionsCache(values: CacheFlags, extraOverrides: Record<string, unknown> = {}) {
  const dataset = await loadRealQuestions(resolve(values.dataset ?? 'eval/datasets/real-questions'), values.documents ? resolve(values.documents) : undefined);
  const cacheRoot = join(resolve(values['data-dir'] ?? 'data'), 'eval-cache');
  const cacheDir = readdirSync(cacheRoot).filter((d) => d.startsWith('real-questions-')).map((d) => join(cacheRoot, d)).find((d) => existsSync(join(d, 'propo.sqlite')));
  if (!cacheDir) throw new Error(`No real-questions eval cache under ${cacheRoot}: run scripts/eval-real-questions.sh --data-dir <dir> first.`);
  const overrides: Record<string, unknown> = { dataDir: cacheDir, logDir: join(cacheDir, 'logs'), namespace: 'eval', 'llm.provider': 'none', ...extraOverrides };
  for (const pair of values.set ?? []) { const [key = '', value = ''] = pair.split('='); overrides[key] = Number.isNaN(Number(value)) ? value : Number(value); }
  const { config } = loadConfig({ dotenvPath: false, env: { EMBED_HUB_URL: 'http://127.0.0.1:9' }, overrides });
  const app = await createApp(config);
  const idOf = new Map(app.documents.list({ namespace: 'eval' }).map((d) => [d.file, d.id]));
  const onGoldPage = (g: GoldLocation, span: Span): boolean => idOf.get(g.document.split('/').pop() ?? '') === span.documentId && g.page === span.page;
  const holds = (gold: readonly GoldLocation[], span: Span): boolean => gold.some((g) => onGoldPage(g, span) && squash(span.text).includes(squash(g.gold)));
  return { dataset, config, app, idOf, onGoldPage, holds };
}
