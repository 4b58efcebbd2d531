// @ts-check
/* global FormData */
/** The Costs tab: totals, live credit, per-day chart, ledger and the monthly calculator. */
import { api, messageOf } from './api.js';
import { barChart } from './chart.js';
import { byId, formatDate, formatNumber, formatUsd, h, note, part } from './dom.js';
/** @import { CostTotals, Credits, DailyCosts, LedgerResponse, MonthlyCostEstimate } from './types.js' */

/**
 * @param {string} title
 * @param {string} value
 * @param {string} [detail]
 */
const stat = (title, value, detail) => h('div', { class: 'card stat' }, h('h3', { text: title }), h('p', { class: 'stat-value', text: value }), detail ? h('p', { class: 'muted', text: detail }) : null);

async function loadTotals() {
  /** @type {[CostTotals, Credits]} */
  const [totals, credits] = await Promise.all([api('/api/costs/totals'), api('/api/costs/credits').catch(() => ({ available: false }))]);
  byId('cost-totals').replaceChildren(
    stat('Spent today', formatUsd(totals.today.costUsd), `budget ${formatUsd(totals.dailyBudgetUsd)} per day`),
    stat('Spent in total', formatUsd(totals.all.costUsd), `${formatNumber(totals.all.answers)} answers`),
    stat('Tokens in total', formatNumber(totals.all.promptTokens + totals.all.completionTokens), `${formatNumber(totals.all.promptTokens)} prompt · ${formatNumber(totals.all.completionTokens)} completion`),
    stat('OpenRouter credit', credits.available ? (credits.remaining === null ? 'unlimited' : formatUsd(credits.remaining)) : 'n/a', credits.available ? `used ${formatUsd(credits.totalUsage)}` : (credits.reason ?? '')));
}

async function loadChart() {
  /** @type {DailyCosts} */
  const { days } = await api('/api/costs/daily?days=30');
  const chart = byId('cost-chart');
  if (days.length === 0) { note(chart, 'No answers yet.'); return; }
  chart.replaceChildren(barChart({
    title: 'Tokens and cost per day',
    labels: days.map((d) => d.day.slice(5)),
    series: [
      { name: 'tokens', values: days.map((d) => (d.promptTokens ?? 0) + (d.completionTokens ?? 0)), format: formatNumber },
      { name: 'cost', values: days.map((d) => d.costUsd ?? 0), format: formatUsd },
    ],
  }));
}

async function loadLedger() {
  /** @type {LedgerResponse} */
  const { entries } = await api('/api/costs/ledger?limit=50');
  const body = part(byId('ledger-table'), 'tbody');
  body.replaceChildren(...entries.map((e) => h('tr', {},
    h('td', { text: formatDate(e.createdAt) }),
    h('td', { class: 'question-cell', title: e.question, text: e.question }),
    h('td', { text: e.mode === 'llm' ? e.model : e.mode }),
    h('td', { class: 'num', text: `${formatNumber(e.promptTokens + e.completionTokens)}${e.estimated ? '*' : ''}` }),
    h('td', { class: 'num', text: formatUsd(e.costUsd) }),
    h('td', { class: 'num', text: `${(e.totalMs / 1000).toFixed(2)} s` }))));
  if (entries.length === 0) body.append(h('tr', {}, h('td', { colspan: '6', class: 'muted', text: 'No answers yet.' })));
}

export async function loadCosts() {
  await Promise.all([loadTotals(), loadChart(), loadLedger()].map((p) => p.catch((/** @type {unknown} */ error) => note(byId('cost-totals'), messageOf(error), 'error'))));
}

export function initCosts() {
  byId('calculator-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(/** @type {HTMLFormElement} */ (event.currentTarget));
    const body = Object.fromEntries([...form.entries()].map(([key, value]) => [key, Number(value)]));
    const output = byId('calc-result');
    try {
      /** @type {MonthlyCostEstimate} */
      const estimate = await api('/api/costs/calculator', { method: 'POST', body });
      output.replaceChildren(
        h('span', { text: `${formatNumber(estimate.tokensPerMonth)} tokens per month → ${formatUsd(estimate.tokenCostUsd)} + ${formatUsd(estimate.baseFixedCostUsd)} fixed` }),
        h('strong', { id: 'calc-total', dataset: { value: String(estimate.totalUsd) }, text: `Total: ${formatUsd(estimate.totalUsd)} per month` }));
    } catch (error) {
      output.replaceChildren(h('span', { class: 'error-text', text: messageOf(error) }));
    }
  });
}
