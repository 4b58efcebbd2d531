// @ts-check
/** The Configuration tab: providers in use, MoE switches and the effective (redacted) config. */
import { api, messageOf, statusOf } from './api.js';
import { byId, h, note } from './dom.js';
/** @import { ConfigResponse } from './types.js' */

/**
 * @param {string} title
 * @param {string[]} lines
 */
function card(title, lines) {
  return h('div', { class: 'card stat' }, h('h3', { text: title }), lines.map((line) => h('p', { text: line })));
}

export async function loadConfig() {
  try {
    /** @type {ConfigResponse} */
    const { version, config, providers } = await api('/api/config');
    byId('config-providers').replaceChildren(
      card('Answers', [providers.llm ? `${providers.llm.name}: ${providers.llm.model}` : 'Extractive (no LLM configured)', `Propositionizer: ${providers.propositionizer}`]),
      card('Embedder', [providers.embedder.name, providers.embedder.notice ? 'Retrieval: BM25-only' : `${providers.embedder.dimensions} dimensions`, providers.embedder.source]),
      card('Vector store', [providers.vectorStore.name, `Namespace: ${config.namespace}`]),
      card('Version', [version, `Top K: ${config.topK}`]));
    /** @type {Array<[string, boolean]>} */
    const switches = [['MoE', providers.moe.enabled], ['Router', providers.moe.router], ['Gate', providers.moe.gate], ['Reranker', providers.moe.reranker], ['LLM reranker (stage 2)', providers.moe.stage2Llm]];
    byId('config-moe').replaceChildren(...switches.map(([name, on]) => h('span', { class: `switch ${on ? 'on' : 'off'}`, role: 'switch', 'aria-checked': String(Boolean(on)), 'aria-readonly': 'true' }, `${name}: ${on ? 'on' : 'off'}`)));
    byId('config-json').textContent = JSON.stringify(config, null, 2);
  } catch (error) {
    note(byId('config-providers'), statusOf(error) === 403 ? 'Only administrators can see the configuration.' : messageOf(error), 'error');
  }
}
