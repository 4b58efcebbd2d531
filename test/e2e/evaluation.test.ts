/**
 * Issue 15, Evaluation tab in real Chromium: runs are named after their configuration and dataset, 0–1 scores
 * sit apart from counts and times, two runs over the same queries get the paired significance test (the real
 * compareEvaluations behind /api/eval/compare), runs without per-query results say why there is no test, and a
 * run started from the tab (a real `bin/propo eval` child on a small dataset) shows its progress, then its row.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { closeE2e, E2E_SERVER_CONFIG, NO_CHROMIUM, openE2e } from './browser.ts';
import type { RunningServers } from '../../src/app/http/index.ts';
import { createTestApp, REPO_ROOT, type TestApp } from '../web/test-app.ts';

/** A saved run as `bin/propo eval` writes it: B ranks the gold document higher on 30 of 40 queries. */
function savedRun(name: string, better: boolean) {
  const perQuery = Array.from({ length: 40 }, (_, i) => {
    const ndcg = better && i % 4 !== 0 ? 0.9 : 0.5;
    return { queryId: `q${i}`, rankedDocuments: [`d${i}`], metrics: { 'ndcg@10': ndcg, 'recall@10': 1, 'hit@1': ndcg > 0.6 ? 1 : 0 }, confidence: 0.5, latencyMs: 3 };
  });
  const mean = (key: 'ndcg@10' | 'recall@10' | 'hit@1') => perQuery.reduce((sum, q) => sum + q.metrics[key], 0) / perQuery.length;
  return {
    name, dataset: 'tiny-set', datasetDir: '/data/tiny-set', queries: 40, mode: 'hybrid', settings: {},
    metrics: { 'ndcg@10': mean('ndcg@10'), 'recall@10': mean('recall@10'), 'hit@1': mean('hit@1') },
    latencyMs: { p50: 3, p95: 7 }, ingestion: { cached: true, cacheDir: '', documents: 40, failed: 0, seconds: 1 },
    startedAt: better ? '2025-03-02T00:00:00.000Z' : '2025-03-01T00:00:00.000Z', perQuery,
  };
}

void describe('Evaluation tab in Chromium (issue 15)', { skip: NO_CHROMIUM }, () => {
  let t: TestApp;
  let running: RunningServers;
  let browser: Browser;
  let page: Page;
  let datasetDir = '';
  const problems: string[] = [];

  before(async () => {
    t = await createTestApp({}, E2E_SERVER_CONFIG);
    const runs = join(t.dataDir, 'eval-runs');
    mkdirSync(runs, { recursive: true });
    writeFileSync(join(runs, '2025-03-01T00-00-00-000Z-baseline.json'), JSON.stringify(savedRun('baseline', false)));
    writeFileSync(join(runs, '2025-03-02T00-00-00-000Z-title-context.json'), JSON.stringify(savedRun('title-context', true)));
    // A small real dataset for a run started from the tab.
    datasetDir = mkdtempSync(join(tmpdir(), 'propo-eval-set-'));
    const topics = ['volcanoes erupt lava', 'glaciers carve valleys', 'rivers deposit silt', 'deserts lose heat at night', 'coral reefs need warm water', 'tides follow the moon', 'forests store carbon', 'wetlands filter water', 'dunes migrate with wind', 'caves form in limestone', 'geysers vent steam', 'deltas spread at river mouths'];
    writeFileSync(join(datasetDir, 'corpus.jsonl'), topics.map((text, i) => JSON.stringify({ id: `d${i}`, title: `Doc ${i}`, text: `${text}. This note explains how ${text} over long periods.` })).join('\n'));
    writeFileSync(join(datasetDir, 'queries.jsonl'), topics.map((text, i) => JSON.stringify({ id: `q${i}`, text: `how ${text.split(' ')[0]} ${text.split(' ')[1]}` })).join('\n'));
    writeFileSync(join(datasetDir, 'qrels.jsonl'), topics.map((_, i) => JSON.stringify({ query_id: `q${i}`, doc_id: `d${i}`, relevance: 1 })).join('\n'));
    ({ running, browser, page } = await openE2e(t, problems));
  });
  after(async () => {
    await closeE2e({ browser, running });
    await t?.cleanup({ appClosed: true });
    rmSync(datasetDir, { recursive: true, force: true });
  });

  test('runs are named after configuration and dataset; scores apart from counts', async () => {
    await page.goto(`${running.url}/#evaluation`);
    await page.waitForSelector('#eval-table tbody tr');
    const names = await page.$$eval('#eval-table tbody tr td:first-child', (cells) => cells.map((c) => c.textContent ?? ''));
    assert.match(names[0] ?? '', /^title-context \/ hybrid · tiny-set \(/);
    assert.match(names[1] ?? '', /^baseline \/ hybrid · tiny-set \(/);
    const scoreHeads = await page.$$eval('#eval-table thead th', (cells) => cells.map((c) => c.textContent));
    assert.deepEqual(scoreHeads, ['Run', 'Dataset', 'ndcg@10', 'recall@10', 'hit@1']);
    const countHeads = await page.$$eval('#eval-counts thead th', (cells) => cells.map((c) => c.textContent));
    assert.deepEqual(countHeads, ['Run', 'queries', 'latency p50 (ms)', 'latency p95 (ms)', 'documents ingested', 'documents failed']);
  });

  test('the comparison carries the paired significance test', async () => {
    await page.selectOption('#eval-compare-a', '2025-03-01T00-00-00-000Z-baseline');
    await page.selectOption('#eval-compare-b', '2025-03-02T00-00-00-000Z-title-context');
    await page.waitForSelector('#eval-significance-table:not([hidden]) tr[data-metric="ndcg@10"]');
    const ndcg = await page.$$eval('#eval-significance-table tr[data-metric="ndcg@10"] td', (cells) => cells.map((c) => c.textContent));
    assert.equal(ndcg[1], '40');
    assert.equal(ndcg[4], '+0.300');
    assert.equal(ndcg[8], 'B better');
    assert.equal(await page.textContent('#eval-significance-table tr[data-metric="recall@10"] td:last-child'), 'no real difference');
    assert.match(await page.textContent('#eval-significance') ?? '', /Paired over 40 queries of tiny-set/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/evaluation-significance.png'), fullPage: true });
  });

  test('a run started here shows progress, then appears as a row; the tab fits a phone', async () => {
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { statuses: string[] }).statuses = seen;
      new MutationObserver((records) => { for (const r of records) for (const n of Array.from(r.addedNodes)) seen.push(n.textContent ?? ''); })
        .observe(document.getElementById('eval-status') as HTMLElement, { childList: true });
    });
    await page.fill('#eval-dataset', datasetDir);
    await page.click('#eval-form button[type="submit"]');
    await page.waitForFunction(() => document.querySelectorAll('#eval-table tbody tr').length === 3, undefined, { timeout: 300_000 });
    const statuses = await page.evaluate(() => (window as unknown as { statuses: string[] }).statuses);
    assert.ok(statuses.some((s) => /^Running on .*propo-eval-set-.*: (starting|ingesting|asking)/.test(s)), statuses.join(' | '));
    // The finished run's row can be drawn a moment before the bar is hidden (a loaded machine): wait for it to go.
    await page.waitForSelector('#eval-progress', { state: 'hidden', timeout: 60_000 });
    assert.equal(await page.isVisible('#eval-progress'), false, 'the bar goes once the run is done');
    await page.setViewportSize({ width: 390, height: 844 });
    const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    const wide = await page.evaluate(() => Array.from(document.querySelectorAll('body *')).filter((e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map((e) => `${e.tagName}#${e.id}.${e.className}`));
    assert.ok(scrollWidth <= innerWidth, `scrollWidth ${scrollWidth} > innerWidth ${innerWidth}: ${wide.join(', ')}`);
    const unnamed = await page.$$eval('#panel-evaluation input, #panel-evaluation select, #panel-evaluation button', (controls) => controls
      .filter((c) => !((c as HTMLInputElement).labels?.length || c.getAttribute('aria-label') || (c.textContent ?? '').trim())).map((c) => c.outerHTML.slice(0, 80)));
    assert.deepEqual(unnamed, []);
    assert.deepEqual(problems, []);
  });
});
