/**
 * The Settings tab's API (admin only):
 *  - `GET /api/settings`: the editable settings, their running and saved values; secrets only as "set / not set".
 *  - `PUT /api/settings`: `{ values: { 'llm.model': 'x', … } }`, validated by the config schema and its cross-checks
 *    against the running configuration, then saved to `<dataDir>/settings.json`. Applied at the next start.
 *  - `POST /api/settings/test-connection`: `{ kind: 'llm' | 'embedder', baseUrl?, apiKey?, model? }` lists the
 *    provider's `/models`; a missing key falls back to the saved one, so the form never needs it back.
 */
import type { FastifyInstance } from 'fastify';
import {
  EDITABLE_SETTINGS, formatProblems, isSecretSetting, mergeSettings, normalizeSettingsPatch, readSettingsFile,
  setPath, settingsFilePath, validateConfigTree, writeSettingsFile,
} from '../../../core/config/index.ts';
import { PropoError } from '../../../core/errors/index.ts';
import { OPENROUTER_BASE_URL } from '../../../providers/llm/openrouter/create-openrouter-llm.ts';
import type { PropoApp } from '../../compose.ts';

function valueAt(tree: unknown, path: string): unknown {
  let node = tree;
  for (const part of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

const TEST_TIMEOUT_MS = 5000;

/** GET <baseUrl>/models the way OpenAI-compatible servers and OpenRouter answer it. */
async function listModels(baseUrl: string, apiKey: string | undefined): Promise<{ ok: boolean; models: string[]; message: string }> {
  const url = `${baseUrl.replace(/\/+$/, '')}/models`;
  try {
    const response = await fetch(url, {
      headers: { accept: 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
      signal: AbortSignal.timeout(TEST_TIMEOUT_MS),
    });
    if (!response.ok) return { ok: false, models: [], message: `${url} answered HTTP ${response.status}${response.status === 401 ? ' (check the API key)' : ''}.` };
    const body = await response.json() as { data?: { id?: unknown }[] };
    const models = (body.data ?? []).map((model) => model.id).filter((id): id is string => typeof id === 'string').sort();
    return { ok: true, models, message: `Connected to ${baseUrl}: ${models.length} model${models.length === 1 ? '' : 's'}.` };
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `no answer in ${TEST_TIMEOUT_MS / 1000} s` : (error as Error).message;
    return { ok: false, models: [], message: `Could not reach ${url}: ${reason}.` };
  }
}

export async function settingsRoutes(server: FastifyInstance, options: { app: PropoApp }): Promise<void> {
  const { app } = options;
  const file = settingsFilePath(app.config.dataDir);

  const describe = () => {
    const saved = readSettingsFile(file);
    return {
      file,
      settings: EDITABLE_SETTINGS.map((setting) => {
        const secret = isSecretSetting(setting.path);
        const running = valueAt(app.config, setting.path);
        const hasSaved = setting.path in saved;
        const savedValue = hasSaved ? saved[setting.path] : running;
        return {
          ...setting,
          secret,
          // Secrets are write-only: the client learns whether one is set, never its value.
          value: secret ? null : savedValue ?? null,
          set: secret ? typeof savedValue === 'string' && savedValue.length > 0 : undefined,
          saved: hasSaved,
          pending: JSON.stringify(savedValue ?? null) !== JSON.stringify(running ?? null),
        };
      }),
    };
  };

  server.get('/api/settings', {
    config: { role: 'admin' },
    schema: { tags: ['config'], summary: 'Settings editable in the web UI (secrets as set/not set only).' },
  }, async () => describe());

  server.put<{ Body: { values?: Record<string, unknown> } }>('/api/settings', {
    config: { role: 'admin' },
    schema: { tags: ['config'], summary: 'Validate and save settings; they apply at the next start.', body: { type: 'object', required: ['values'], properties: { values: { type: 'object' } } } },
  }, async (request) => {
    const patch = normalizeSettingsPatch(request.body.values ?? {});
    const merged = mergeSettings(readSettingsFile(file), patch);
    const tree = structuredClone(app.config) as unknown as Record<string, unknown>;
    for (const [path, value] of Object.entries(patch)) if (value === null) setPath(tree, path, undefined);
    for (const [path, value] of Object.entries(merged)) setPath(tree, path, value);
    const { problems } = validateConfigTree(tree);
    if (problems.length > 0) throw new PropoError('PROPO_ERR_VALIDATION', formatProblems(problems), { details: { problems } });
    writeSettingsFile(file, merged);
    return { ...describe(), restartRequired: true, message: 'Saved. Restart Propo to apply the changes.' };
  });

  server.post<{ Body: { kind: 'llm' | 'embedder'; provider?: string; baseUrl?: string; apiKey?: string } }>('/api/settings/test-connection', {
    config: { role: 'admin' },
    schema: {
      tags: ['config'], summary: "Test a provider's connection and list its models.",
      body: { type: 'object', required: ['kind'], properties: { kind: { enum: ['llm', 'embedder'] }, provider: { type: 'string' }, baseUrl: { type: 'string' }, apiKey: { type: 'string' } } },
    },
  }, async (request) => {
    const { kind } = request.body;
    const saved = readSettingsFile(file);
    const current = (path: string) => (path in saved ? saved[path] : valueAt(app.config, path));
    const provider = request.body.provider ?? String(current(`${kind}.provider`));
    let baseUrl = request.body.baseUrl || (current(`${kind}.baseUrl`) as string | undefined);
    if (kind === 'llm' && provider === 'openrouter' && !request.body.baseUrl) baseUrl = OPENROUTER_BASE_URL;
    if (kind === 'llm' && provider === 'none') return { ok: true, models: [], message: 'No LLM: answers are extractive (quoted from your documents).' };
    if (kind === 'embedder' && provider !== 'openai') {
      return { ok: true, models: [], message: `Embedder in use: ${app.embedder.name}${app.embedderStatus.notice ? ` (${app.embedderStatus.notice})` : ''}.` };
    }
    if (!baseUrl) throw new PropoError('PROPO_ERR_VALIDATION', 'Enter a base URL first, e.g. http://localhost:11434/v1 for Ollama.');
    const apiKey = request.body.apiKey || (current(`${kind}.apiKey`) as string | undefined);
    return listModels(baseUrl, apiKey);
  });
}
