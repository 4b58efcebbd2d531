// @ts-check
/** The Evaluation tab: runs with their metrics, a bar chart of one run, and a comparison of two. */
import { api } from './api.js';
import { barChart } from './chart.js';
import { byId, fieldById, formatDate, h, note, part, selectById, toast } from './dom.js';

let runs = [];

/** Numeric metrics of a run, whether nested under `metrics` or at the top level. */
export function metricsOf(run) {
  const source = run.metrics && typeof run.metrics === 'object' ? run.metrics : run;
  return Object.fromEntries(Object.entries(source).filter(([, v]) => typeof v === 'number' && Number.isFinite(v)));
}

const runLabel = (run) => {
  const when = run.startedAt ?? run.createdAt;
  return `${run.name ?? run.id}${when ? ` (${formatDate(when)})` : ''}`;
};
const format = (value) => (Math.abs(value) <= 1 && !Number.isInteger(value) ? value.toFixed(3) : String(Math.round(value * 1000) / 1000));

function showChart(run) {
  const metrics = metricsOf(run);
  const names = Object.keys(metrics);
  if (names.length === 0) { note(byId('eval-chart'), 'This run has no numeric metrics.'); return; }
  byId('eval-chart').replaceChildren(h('p', { class: 'muted', text: runLabel(run) }), barChart({ title: `Metrics of ${runLabel(run)}`, labels: names, series: [{ name: 'value', values: names.map((n) => metrics[n]), format }] }));
}

function renderTable() {
  const names = [...new Set(runs.flatMap((run) => Object.keys(metricsOf(run))))];
  const table = byId('eval-table');
  part(table, 'thead').replaceChildren(h('tr', {}, h('th', { scope: 'col', text: 'Run' }), h('th', { scope: 'col', text: 'Dataset' }), names.map((n) => h('th', { scope: 'col', text: n }))));
  part(table, 'tbody').replaceChildren(...runs.map((run) => {
    const metrics = metricsOf(run);
    const row = h('tr', { tabindex: '0', class: 'clickable', onclick: () => showChart(run), onkeydown: (e) => { if (e.key === 'Enter') showChart(run); } },
      h('td', { text: runLabel(run) }), h('td', { text: String(run.dataset ?? '') }), names.map((n) => h('td', { class: 'num', text: n in metrics ? format(metrics[n]) : '—' })));
    return row;
  }));
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
    try {
      await api('/api/eval/run', { method: 'POST', body: { dataset: fieldById('eval-dataset').value.trim() } });
      await loadEvaluation();
    } catch (error) {
      byId('eval-status').textContent = error.message;
      toast(error.message, 'error');
    }
  });
}
