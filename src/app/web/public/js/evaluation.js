// @ts-check
/**
 * The Evaluation tab: runs named after their configuration and dataset, 0–1 scores apart from counts and
 * times, a bar chart of one run's scores, a comparison of two with the paired significance test (from
 * `/api/eval/compare`), and progress while a run started here is going.
 */
import { api, messageOf } from './api.js';
import { barChart } from './chart.js';
import { byId, fieldById, formatDate, h, note, part, selectById, toast } from './dom.js';
/** @import { EvalComparison, EvalRunSummary, EvalRunsResponse, EvalStatus } from './types.js' */

/** @type {EvalRunSummary[]} */
let runs = [];
let pollTimer = 0;

/** Metric names that count things or time (never on the 0–1 scale, whatever their value). */
const COUNT_NAME = /count|queries|latency|ms$|Ms$|seconds|documents|failed|tokens|^n$/i;

/**
 * Splits metric names into 0–1 scores and counts: a score is named like one and lies in [0, 1] in every run.
 * @param {string[]} names
 * @param {Array<Record<string, number>>} metricSets
 */
export function splitMetrics(names, metricSets) {
  const isScore = (/** @type {number | undefined} */ value) => value !== undefined && value >= 0 && value <= 1;
  const scores = names.filter((n) => !COUNT_NAME.test(n) && metricSets.every((m) => !(n in m) || isScore(m[n])));
  return { scores, counts: names.filter((n) => !scores.includes(n)) };
}

/**
 * @param {[string, unknown]} entry
 * @returns {entry is [string, number]}
 */
const isFiniteEntry = (entry) => typeof entry[1] === 'number' && Number.isFinite(entry[1]);

/**
 * Counts and times a saved run records beside its metrics (a run file from another version may lack any of them).
 * @param {EvalRunSummary} run
 * @returns {Record<string, number>}
 */
function countsOf(run) {
  /** @type {Record<string, unknown>} */
  const out = {};
  if (typeof run.queries === 'number') out.queries = run.queries;
  const { latencyMs, ingestion } = run;
  if (latencyMs && typeof latencyMs === 'object') {
    out['latency p50 (ms)'] = 'p50' in latencyMs ? latencyMs.p50 : undefined;
    out['latency p95 (ms)'] = 'p95' in latencyMs ? latencyMs.p95 : undefined;
  }
  if (ingestion && typeof ingestion === 'object') {
    out['documents ingested'] = 'documents' in ingestion ? ingestion.documents : undefined;
    out['documents failed'] = 'failed' in ingestion ? ingestion.failed : undefined;
  }
  return Object.fromEntries(Object.entries(out).filter(isFiniteEntry));
}

/**
 * Numeric metrics of a run, whether nested under `metrics` or at the top level.
 * @param {EvalRunSummary} run
 * @returns {Record<string, number>}
 */
export function metricsOf(run) {
  const source = run.metrics && typeof run.metrics === 'object' ? run.metrics : run;
  return Object.fromEntries(Object.entries(source).filter(isFiniteEntry));
}

/**
 * "hybrid · squad-mini (Jan 2, 2025)": the configuration, the dataset, then when.
 * @param {EvalRunSummary} run
 */
const runLabel = (run) => {
  const when = run.startedAt ?? run.createdAt;
  const config = [run.name ?? run.id, run.mode && run.mode !== run.name ? run.mode : null].filter(Boolean).join(' / ');
  return `${config}${run.dataset ? ` · ${run.dataset}` : ''}${when ? ` (${formatDate(when)})` : ''}`;
};
/** @param {number} value */
const format = (value) => (Math.abs(value) <= 1 && !Number.isInteger(value) ? value.toFixed(3) : String(Math.round(value * 1000) / 1000));

/** @param {EvalRunSummary} run */
function showChart(run) {
  const metrics = metricsOf(run);
  const names = splitMetrics(Object.keys(metrics), [metrics]).scores;
  if (names.length === 0) { note(byId('eval-chart'), 'This run has no numeric metrics.'); return; }
  byId('eval-chart').replaceChildren(h('p', { class: 'muted', text: runLabel(run) }), barChart({ title: `Metrics of ${runLabel(run)}`, labels: names, series: [{ name: 'value', values: names.map((n) => metrics[n] ?? 0), format }] }));
}

function renderTable() {
  const all = [...new Set(runs.flatMap((run) => Object.keys(metricsOf(run))))];
  const { scores, counts } = splitMetrics(all, runs.map(metricsOf));
  const table = byId('eval-table');
  part(table, 'thead').replaceChildren(h('tr', {}, h('th', { scope: 'col', text: 'Run' }), h('th', { scope: 'col', text: 'Dataset' }), scores.map((n) => h('th', { scope: 'col', text: n }))));
  part(table, 'tbody').replaceChildren(...runs.map((run) => {
    const metrics = metricsOf(run);
    const row = h('tr', { tabindex: '0', class: 'clickable', 'aria-label': `Chart ${runLabel(run)}`, onclick: () => showChart(run), onkeydown: (/** @type {KeyboardEvent} */ e) => { if (e.key === 'Enter') showChart(run); } },
      h('td', { text: runLabel(run) }), h('td', { text: String(run.dataset ?? '') }), scores.map((n) => h('td', { class: 'num', text: metrics[n] === undefined ? '—' : format(metrics[n]) })));
    return row;
  }));
  const countNames = [...new Set([...counts, ...runs.flatMap((run) => Object.keys(countsOf(run)))])];
  const countTable = byId('eval-counts');
  byId('eval-counts-title').hidden = countNames.length === 0;
  countTable.hidden = countNames.length === 0;
  part(countTable, 'thead').replaceChildren(h('tr', {}, h('th', { scope: 'col', text: 'Run' }), countNames.map((n) => h('th', { scope: 'col', text: n }))));
  part(countTable, 'tbody').replaceChildren(...runs.map((run) => {
    const values = { ...countsOf(run), ...metricsOf(run) };
    return h('tr', {}, h('td', { text: runLabel(run) }), countNames.map((n) => h('td', { class: 'num', text: values[n] === undefined ? '—' : String(Math.round(values[n] * 100) / 100) })));
  }));
}

/** @param {number} p */
const formatP = (p) => (p < 0.001 ? '< 0.001' : p.toFixed(3));

/**
 * The paired test of two runs (same queries), or why there is none.
 * @param {EvalRunSummary | undefined} a
 * @param {EvalRunSummary | undefined} b
 */
async function renderSignificance(a, b) {
  const box = byId('eval-significance');
  const table = byId('eval-significance-table');
  table.hidden = true;
  if (!a || !b || a.id === b.id) { note(box, a && b ? 'Pick two different runs for the paired test.' : ''); return; }
  note(box, 'Computing the paired test…');
  try {
    /** @type {EvalComparison} */
    const result = await api(`/api/eval/compare?a=${encodeURIComponent(a.id)}&b=${encodeURIComponent(b.id)}`);
    box.replaceChildren(h('p', { class: 'muted', text: `Paired over ${result.queries} queries of ${result.dataset}: mean of B − A, bootstrap 95% interval (${result.resamples} resamples), bootstrap and permutation p-values. p < 0.05 with an interval that excludes 0 is a real difference.` }));
    part(table, 'thead').replaceChildren(h('tr', {}, ['Metric', 'n', 'A', 'B', 'B − A', '95% interval', 'p (bootstrap)', 'p (permutation)', 'Verdict'].map((t) => h('th', { scope: 'col', text: t }))));
    part(table, 'tbody').replaceChildren(...result.metrics.map((m) => {
      const significant = m.pPermutation < 0.05 && (m.ci95[0] > 0 || m.ci95[1] < 0);
      const verdict = significant ? (m.difference > 0 ? 'B better' : 'A better') : 'no real difference';
      return h('tr', { dataset: { metric: m.metric } }, h('td', { text: m.metric }), h('td', { class: 'num', text: String(m.n) }),
        h('td', { class: 'num', text: format(m.meanA) }), h('td', { class: 'num', text: format(m.meanB) }),
        h('td', { class: `num ${m.difference > 0 ? 'up' : m.difference < 0 ? 'down' : ''}`, text: `${m.difference > 0 ? '+' : ''}${m.difference.toFixed(3)}` }),
        h('td', { class: 'num', text: `[${m.ci95[0].toFixed(3)}, ${m.ci95[1].toFixed(3)}]` }),
        h('td', { class: 'num', text: formatP(m.pBootstrap) }), h('td', { class: 'num', text: formatP(m.pPermutation) }),
        h('td', { class: significant ? 'verdict significant' : 'verdict', text: verdict }));
    }));
    table.hidden = false;
  } catch (error) {
    note(box, `No paired test: ${messageOf(error)}`);
  }
}

/** Shows how far a run started here is, polling until it ends. */
async function pollStatus() {
  window.clearTimeout(pollTimer);
  const bar = /** @type {HTMLProgressElement} */ (byId('eval-progress'));
  try {
    /** @type {EvalStatus} */
    const status = await api('/api/eval/status');
    bar.hidden = !status.running;
    if (!status.running) return;
    const p = status.progress;
    if (p && p.total > 0) {
      bar.max = p.total;
      bar.value = p.done;
      byId('eval-status').textContent = `Running on ${status.dataset}: ${p.phase === 'ingest' ? 'ingesting' : 'asking'} ${p.done} of ${p.total} ${p.phase === 'ingest' ? 'documents' : 'queries'}${p.phase === 'ingest' && p.done === p.total ? ', then the queries…' : '…'}`;
    } else {
      bar.removeAttribute('value');
      byId('eval-status').textContent = `Running on ${status.dataset}: starting…`;
    }
    pollTimer = window.setTimeout(() => { void pollStatus(); }, 1000);
  } catch {
    bar.hidden = true;
  }
}

function renderCompare() {
  const a = runs.find((r) => r.id === selectById('eval-compare-a').value);
  const b = runs.find((r) => r.id === selectById('eval-compare-b').value);
  const table = byId('eval-compare');
  if (!a || !b) { part(table, 'thead').replaceChildren(); part(table, 'tbody').replaceChildren(); return; }
  const ma = metricsOf(a);
  const mb = metricsOf(b);
  const names = [...new Set([...Object.keys(ma), ...Object.keys(mb)])];
  part(table, 'thead').replaceChildren(h('tr', {}, ['Metric', 'Run A', 'Run B', 'B − A'].map((t) => h('th', { scope: 'col', text: t }))));
  part(table, 'tbody').replaceChildren(...names.map((n) => {
    const [valueA, valueB] = [ma[n], mb[n]];
    const delta = valueA !== undefined && valueB !== undefined ? valueB - valueA : null;
    return h('tr', {}, h('td', { text: n }), h('td', { class: 'num', text: valueA === undefined ? '—' : format(valueA) }), h('td', { class: 'num', text: valueB === undefined ? '—' : format(valueB) }),
      h('td', { class: `num ${delta === null ? '' : delta > 0 ? 'up' : delta < 0 ? 'down' : ''}`, text: delta === null ? '—' : `${delta > 0 ? '+' : ''}${format(delta)}` }));
  }));
  void renderSignificance(a, b);
}

export async function loadEvaluation() {
  try {
    /** @type {EvalRunsResponse} */
    const data = await api('/api/eval/runs');
    runs = data.runs;
    byId('eval-form').hidden = !data.canRun;
    byId('eval-status').textContent = runs.length === 0
      ? (data.canRun ? 'No runs yet. Run an evaluation on a dataset folder.' : 'No runs yet. Run `bin/propo eval` to create one; results appear here.')
      : `${runs.length} run${runs.length === 1 ? '' : 's'}. Click a run to chart it.`;
    renderTable();
    const options = () => runs.map((run) => h('option', { value: run.id }, runLabel(run)));
    byId('eval-compare-a').replaceChildren(...options());
    byId('eval-compare-b').replaceChildren(...options());
    const second = runs[1];
    if (second) selectById('eval-compare-b').value = second.id;
    if (runs[0]) showChart(runs[0]); else byId('eval-chart').replaceChildren();
    renderCompare();
    void pollStatus();
  } catch (error) {
    byId('eval-status').textContent = messageOf(error);
  }
}

export function initEvaluation() {
  byId('eval-compare-a').addEventListener('change', renderCompare);
  byId('eval-compare-b').addEventListener('change', renderCompare);
  byId('eval-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    byId('eval-status').textContent = 'Running the evaluation…';
    window.setTimeout(() => { void pollStatus(); }, 300);
    try {
      await api('/api/eval/run', { method: 'POST', body: { dataset: fieldById('eval-dataset').value.trim() } });
      await loadEvaluation();
    } catch (error) {
      byId('eval-status').textContent = messageOf(error);
      toast(messageOf(error), 'error');
    }
  });
}
