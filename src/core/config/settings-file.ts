/**
 * Settings edited in the web UI: a small JSON file of dotted-path overrides in the data directory
 * (`<dataDir>/settings.json`), read by `loadConfig` after the config file and env and before CLI flags.
 * Only the keys in EDITABLE_SETTINGS are accepted; values are validated by the same zod schema and
 * cross-checks as the config file (decision 0061).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PropoError } from '../errors/index.ts';
import { SECRET_PATHS } from './schema.ts';

export interface EditableSetting {
  path: string;
  label: string;
  kind: 'string' | 'number' | 'boolean' | 'enum';
  options?: readonly string[];
}

/** What the Settings tab may change. Every other key stays with the config file / env. */
export const EDITABLE_SETTINGS: readonly EditableSetting[] = [
  { path: 'llm.provider', label: 'LLM provider', kind: 'enum', options: ['none', 'openrouter', 'openai'] },
  { path: 'llm.baseUrl', label: 'LLM base URL', kind: 'string' },
  { path: 'llm.model', label: 'LLM model', kind: 'string' },
  { path: 'llm.apiKey', label: 'LLM API key', kind: 'string' },
  { path: 'embedder.provider', label: 'Embedder', kind: 'enum', options: ['auto', 'hash', 'transformers', 'openai'] },
  { path: 'embedder.baseUrl', label: 'Embedder base URL', kind: 'string' },
  { path: 'embedder.apiKey', label: 'Embedder API key', kind: 'string' },
  { path: 'topK', label: 'Retrieval k', kind: 'number' },
  { path: 'retrieval.threshold', label: 'Confidence threshold', kind: 'number' },
  { path: 'limits.chatPerMinute', label: 'Questions per minute', kind: 'number' },
  { path: 'limits.uploadPerMinute', label: 'Uploads per minute', kind: 'number' },
  { path: 'limits.maxQuestionChars', label: 'Longest question (characters)', kind: 'number' },
  { path: 'limits.dailyBudgetUsd', label: 'Daily budget (USD)', kind: 'number' },
  { path: 'auth.enabled', label: 'Require login', kind: 'boolean' },
];

const EDITABLE = new Map(EDITABLE_SETTINGS.map((setting) => [setting.path, setting]));

/** A list setting with its own box in the Settings tab (watched folders; PUT /api/watch), not in the generic form. */
export const WATCH_FOLDERS_SETTING = 'watch.folders';

export const isSecretSetting = (path: string): boolean => SECRET_PATHS.has(path);

export function settingsFilePath(dataDir: string): string {
  return join(dataDir, 'settings.json');
}

/** The stored overrides; a missing file is `{}`. A damaged file is a typed error naming the file. */
export function readSettingsFile(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PropoError('PROPO_ERR_CONFIG_INVALID', `${file} is not valid JSON (${(error as Error).message}). Fix: correct or delete it; the Settings tab writes it again.`, { cause: error });
  }
  const values = (parsed as { values?: unknown } | null)?.values;
  if (!values || typeof values !== 'object' || Array.isArray(values)) return {};
  return Object.fromEntries(Object.entries(values).filter(([path]) => EDITABLE.has(path) || path === WATCH_FOLDERS_SETTING));
}

/**
 * Checks a patch from the web form: known keys only, values of the right kind. `null` or '' removes an override
 * (back to the config file / env value). The full schema check happens in the caller via loadConfig.
 */
export function normalizeSettingsPatch(patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const unknown = Object.keys(patch).filter((path) => !EDITABLE.has(path));
  if (unknown.length > 0) {
    throw new PropoError('PROPO_ERR_VALIDATION', `These settings cannot be changed from the web: ${unknown.join(', ')}. Change them in config.yaml or .env.`);
  }
  for (const [path, value] of Object.entries(patch)) {
    const setting = EDITABLE.get(path) as EditableSetting;
    if (value === null || value === '') { out[path] = null; continue; }
    if (setting.kind === 'number' && (typeof value !== 'number' || !Number.isFinite(value))) {
      throw new PropoError('PROPO_ERR_VALIDATION', `${setting.label} (${path}) must be a number.`);
    }
    if (setting.kind === 'boolean' && typeof value !== 'boolean') {
      throw new PropoError('PROPO_ERR_VALIDATION', `${setting.label} (${path}) must be on or off.`);
    }
    if ((setting.kind === 'string' || setting.kind === 'enum') && typeof value !== 'string') {
      throw new PropoError('PROPO_ERR_VALIDATION', `${setting.label} (${path}) must be text.`);
    }
    out[path] = value;
  }
  return out;
}

/** Merges a normalized patch into stored values (null removes a key). */
export function mergeSettings(stored: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...stored };
  for (const [path, value] of Object.entries(patch)) {
    if (value === null) delete merged[path];
    else merged[path] = value;
  }
  return merged;
}

/** Atomic write, owner-only permissions: the file may hold an API key the user typed into the form. */
export function writeSettingsFile(file: string, values: Record<string, unknown>): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ version: 1, values }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}
