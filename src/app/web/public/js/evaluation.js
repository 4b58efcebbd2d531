// @ts-check
/**
 * The Evaluation tab: runs named after their configuration and dataset, 0–1 scores apart from counts and
 * times, a bar chart of one run's scores, a comparison of two with the paired significance test (from
 * `/api/eval/compare`), and progress while a run started here is going.
 */
import { api } from './api.js';
import { barChart } from './chart.js';
import { byId, fieldById, formatDate, h, note, part, selectById, toast } from './dom.js';

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
  const scores = names.filter((n) => !COUNT_NAME.test(n) && metricSets.every((m) => !(n in m) || (m[n] >= 0 && m[n] <= 1)));
  return { scores, counts: names.filter((n) => !scores.includes(n)) };
}

/** Counts and times a saved run records beside its metrics. */
function countsOf(run) {
  /** @type {Record<string, number>} */
  const out = {};
  if (typeof run.queries === 'number') out.queries = run.queries;
  if (run.latencyMs && typeof run.latencyMs === 'object') { out['latency p50 (ms)'] = run.latencyMs.p50; out['latency p95 (ms)'] = run.latencyMs.p95; }
  if (run.ingestion && typeof run.ingestion === 'object') { out['documents ingested'] = run.ingestion.documents; out['documents failed'] = run.ingestion.failed; }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => typeof v === 'number' && Number.isFinite(v)));
}

/** Numeric metrics of a run, whether nested under `metrics` or at the top level. */
export function metricsOf(run) {
  const source = run.metrics && typeof run.metrics === 'object' ? run.metrics : run;
  return Object.fromEntries(Object.entries(source).filter(([, v]) => typeof v === 'number' && Number.isFinite(v)));
}

/** "hybrid · squad-mini (Jan 2, 2025)": the configuration, the dataset, then when. */
const runLabel = (run) => {
  const when = run.startedAt ?? run.createdAt;
  const config = [run.name ?? run.id, run.mode && run.mode !== run.name ? run.mode : null].filter(Boolean).join(' / ');
  return `${config}${run.dataset ? ` · ${run.dataset}` : ''}${when ? ` (${formatDate(when)})` : ''}`;
};
const format = (value) => (Math.abs(value) <= 1 && !Number.isInteger(value) ? value.toFixed(3) : String(Math.round(value * 1000) / 1000));

function showChart(run) {
  const metrics = metricsOf(run);
  const names = splitMetrics(Object.keys(metrics), [metrics]).scores;
  if (names.length === 0) { note(byId('eval-chart'), 'This run has no numeric metrics.'); return; }
  byId('eval-chart').replaceChildren(h('p', { class: 'muted', text: runLabel(run) }), barChart({ title: `Metrics of ${runLabel(run)}`, labels: names, series: [{ name: 'value', values: names.map((n) => metrics[n]), format }] }));
}

function renderTable() {
  const all = [...new Set(runs.flatMap((run) => Object.keys(metricsOf(run))))];
  const { scores, counts } = splitMetrics(all, runs.map(metricsOf));
  const table = byId('eval-table');
  part(table, 'thead').replaceChildren(h('tr', {}, h('th', { scope: 'col', text: 'Run' }), h('th', { scope: 'col', text: 'Dataset' }), scores.map((n) => h('th', { scope: 'col', text: n }))));
  part(table, 'tbody').replaceChildren(...runs.map((run) => {
    const metrics = metricsOf(run);
    const row = h('tr', { tabindex: '0', class: 'clickable', 'aria-label': `Chart ${runLabel(run)}`, onclick: () => showChart(run), onkeydown: (e) => { if (e.key === 'Enter') showChart(run); } },
      h('td', { text: runLabel(run) }), h('td', { text: String(run.dataset ?? '') }), scores.map((n) => h('td', { class: 'num', text: n in metrics ? format(metrics[n]) : '—' })));
    return row;
  }));
  const countNames = [...new Set([...counts, ...runs.flatMap((run) => Object.keys(countsOf(run)))])];
  const countTable = byId('eval-counts');
  byId('eval-counts-title').hidden = countNames.length === 0;
  countTable.hidden = countNames.length === 0;
  part(countTable, 'thead').replaceChildren(h('tr', {}, h('th', { scope: 'col', text: 'Run' }), countNames.map((n) => h('th', { scope: 'col', text: n }))));
  part(countTable, 'tbody').replaceChildren(...runs.map((run) => {
    const values = { ...countsOf(run), ...metricsOf(run) };
    return h('tr', {}, h('td', { text: runLabel(run) }), countNames.map((n) => h('td', { class: 'num', text: n in values ? String(Math.round(values[n] * 100) / 100) : '—' })));
  }));
}

/** @param {number} p */
const formatP = (p) => (p < 0.001 ? '< 0.001' : p.toFixed(3));

/** The paired test of two runs (same queries), or why there is none. */
async function renderSignificance(a, b) {
  const box = byId('eval-significance');
  const table = byId('eval-significance-table');
  table.hidden = true;
  if (!a || !b || a.id === b.id) { note(box, a && b ? 'Pick two different runs for the paired test.' : ''); return; }
  note(box, 'Computing the paired test…');
  try {
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
    note(box, `No paired test: ${error.message}`);
  }
}

/** Shows how far a run started here is, polling until it ends. */
async function pollStatus() {
  window.clearTimeout(pollTimer);
  const bar = /** @type {HTMLProgressElement} */ (byId('eval-progress'));
  try {
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
    const delta = n in ma && n in mb ? mb[n] - ma[n] : null;
    return h('tr', {}, h('td', { text: n }), h('td', { class: 'num', text: n in ma ? format(ma[n]) : '—' }), h('td', { class: 'num', text: n in mb ? format(mb[n]) : '—' }),
      h('td', { class: `num ${delta === null ? '' : delta > 0 ? 'up' : delta < 0 ? 'down' : ''}`, text: delta === null ? '—' : `${delta > 0 ? '+' : ''}${format(delta)}` }));
  }));
  void renderSignificance(a, b);
}

export async function loadEvaluation() {
  try {
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
    if (runs.length > 1) selectById('eval-compare-b').value = runs[1].id;
    if (runs[0]) showChart(runs[0]); else byId('eval-chart').replaceChildren();
    renderCompare();
    void pollStatus();
  } catch (error) {
    byId('eval-status').textContent = error.message;
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
      byId('eval-status').textContent = error.message;
      toast(error.message, 'error');
    }
  });
}
