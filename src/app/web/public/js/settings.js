// @ts-check
/**
 * The Settings form inside the Configuration tab: GET /api/settings describes the editable keys; Save sends only
 * what changed (PUT /api/settings, validated on the server by the config schema). Secrets are write-only: the
 * server says whether one is set, an empty key field keeps it. "Test connection" lists the provider's models.
 */
import { api, messageOf, statusOf } from './api.js';
import { buttonById, byId, formById, h, note, toast } from './dom.js';
/** @import { ConnectionTest, Setting, SettingsResponse, SettingsSaved } from './types.js' */

const GROUPS = [
  { title: 'Answers (LLM)', prefix: 'llm.', test: 'llm' },
  { title: 'Embedder', prefix: 'embedder.', test: 'embedder' },
  { title: 'Retrieval', prefix: 'retrieval.', also: ['topK'] },
  { title: 'Limits', prefix: 'limits.' },
  { title: 'Access', prefix: 'auth.' },
];

/** @type {Setting[]} */
let settings = [];

/** @param {string} path */
const controlId = (path) => `setting-${path.replace(/\./g, '-')}`;

/** @param {Setting} setting */
function control(setting) {
  const id = controlId(setting.path);
  if (setting.kind === 'enum') {
    return h('select', { id, name: setting.path }, (setting.options ?? []).map((option) => h('option', { value: option, selected: option === setting.value }, option)));
  }
  if (setting.kind === 'boolean') return h('input', { id, name: setting.path, type: 'checkbox', checked: setting.value === true });
  if (setting.secret) {
    return h('input', { id, name: setting.path, type: 'password', autocomplete: 'off', placeholder: setting.set ? 'Set — leave empty to keep it' : 'Not set' });
  }
  const list = setting.path === 'llm.model' ? 'llm-models' : undefined;
  return h('input', { id, name: setting.path, type: setting.kind === 'number' ? 'number' : 'text', step: setting.kind === 'number' ? 'any' : undefined, value: setting.value === null || setting.value === undefined ? '' : String(setting.value), list });
}

/** @param {Setting} setting */
function field(setting) {
  return h('div', { class: 'setting-field' },
    h('label', { for: controlId(setting.path), text: setting.label }),
    control(setting),
    setting.pending ? h('span', { class: 'muted pending', text: 'saved, applies after a restart' }) : null);
}

/** @param {'llm' | 'embedder'} kind */
async function testConnection(kind) {
  const status = byId(`settings-test-${kind}`);
  status.textContent = 'Testing…';
  /** @type {Record<string, string>} */
  const body = { kind };
  const provider = /** @type {HTMLSelectElement | null} */ (document.getElementById(controlId(`${kind}.provider`)))?.value;
  const baseUrl = /** @type {HTMLInputElement | null} */ (document.getElementById(controlId(`${kind}.baseUrl`)))?.value.trim();
  const apiKey = /** @type {HTMLInputElement | null} */ (document.getElementById(controlId(`${kind}.apiKey`)))?.value;
  if (provider) body.provider = provider;
  if (baseUrl) body.baseUrl = baseUrl;
  if (apiKey) body.apiKey = apiKey;
  try {
    /** @type {ConnectionTest} */
    const result = await api('/api/settings/test-connection', { method: 'POST', body });
    status.textContent = result.message;
    status.className = result.ok ? 'test-result ok' : 'test-result error-text';
    if (kind === 'llm') byId('llm-models').replaceChildren(...result.models.map((id) => h('option', { value: id })));
  } catch (error) {
    status.textContent = messageOf(error);
    status.className = 'test-result error-text';
  }
}

function render() {
  /** @type {Set<string>} */
  const used = new Set();
  const groups = GROUPS.map((group) => {
    const members = settings.filter((s) => s.path.startsWith(group.prefix) || (group.also ?? []).includes(s.path));
    for (const member of members) used.add(member.path);
    const kind = /** @type {'llm' | 'embedder' | undefined} */ (group.test);
    return h('fieldset', { class: 'settings-group' }, h('legend', { text: group.title }), members.map(field),
      kind ? h('div', { class: 'test-row' },
        h('button', { type: 'button', class: 'button subtle', id: `settings-test-${kind}-button`, onclick: () => { void testConnection(kind); } }, `Test ${kind === 'llm' ? 'LLM' : 'embedder'} connection`),
        h('span', { id: `settings-test-${kind}`, class: 'test-result', role: 'status' })) : null);
  });
  byId('settings-fields').replaceChildren(...groups, h('datalist', { id: 'llm-models' }), ...settings.filter((s) => !used.has(s.path)).map(field));
}

/** @returns {Record<string, unknown>} only the values that differ from what the server sent */
function changedValues() {
  /** @type {Record<string, unknown>} */
  const values = {};
  for (const setting of settings) {
    const element = document.getElementById(controlId(setting.path));
    if (!(element instanceof HTMLInputElement || element instanceof HTMLSelectElement)) continue;
    if (setting.kind === 'boolean' && element instanceof HTMLInputElement) {
      if (element.checked !== (setting.value === true)) values[setting.path] = element.checked;
    } else if (setting.secret) {
      if (element.value) values[setting.path] = element.value;
    } else if (setting.kind === 'number') {
      const text = element.value.trim();
      if (text !== String(setting.value ?? '')) values[setting.path] = text === '' ? null : Number(text);
    } else if (element.value.trim() !== String(setting.value ?? '')) {
      values[setting.path] = element.value.trim() === '' ? null : element.value.trim();
    }
  }
  return values;
}

export async function loadSettings() {
  try {
    /** @type {SettingsResponse} */
    const response = await api('/api/settings');
    settings = response.settings;
    render();
  } catch (error) {
    note(byId('settings-fields'), statusOf(error) === 403 ? 'Only administrators can change settings.' : messageOf(error), 'error');
  }
}

export function initSettings() {
  formById('settings-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const status = byId('settings-status');
    const values = changedValues();
    if (Object.keys(values).length === 0) { status.textContent = 'Nothing changed.'; return; }
    buttonById('settings-save').disabled = true;
    try {
      /** @type {SettingsSaved} */
      const response = await api('/api/settings', { method: 'PUT', body: { values } });
      settings = response.settings;
      render();
      status.textContent = response.message;
      status.className = 'ok';
      toast(response.message, 'success');
    } catch (error) {
      status.textContent = messageOf(error);
      status.className = 'error-text';
    } finally {
      buttonById('settings-save').disabled = false;
    }
  });
}
