/**
 * Loads configuration once: defaults < config.yaml < .env < process environment < CLI flags.
 * Every problem is reported at once with its key and a fix; the result is deep-frozen.
 * This is the only module that reads `process.env`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import { parse as parseDotenv } from 'dotenv';
import { PropoError } from '../errors/index.ts';
import { configSchema, ENV_BINDINGS, type PropoConfig } from './schema.ts';
import { readSettingsFile, settingsFilePath } from './settings-file.ts';

export interface LoadConfigOptions {
  /** Environment to read; defaults to process.env. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Dotted-path overrides from CLI flags, e.g. { 'server.port': '7861' }. */
  overrides?: Record<string, unknown>;
  /** Path of the .env file; false to skip. Default `<cwd>/.env`. */
  dotenvPath?: string | false;
  /** Explicit config file; else PROPO_CONFIG, else ./config.yaml when present. */
  configPath?: string;
  /** Read `<dataDir>/settings.json` (saved by the Settings tab); false to skip. Default true. */
  settingsFile?: false;
}

export interface ConfigProblem { key: string; message: string; fix: string }

/** Where a key's value came from; `settings` is the web UI's settings.json. */
export type ConfigSource = 'file' | 'env' | 'settings' | 'flag';

type Tree = Record<string, unknown>;

/** Sets a dotted path in a plain tree, creating objects on the way. */
export function setPath(target: Tree, path: string, value: unknown): void {
  const parts = path.split('.');
  let node: Tree = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[part] = {};
    node = node[part] as Tree;
  }
  node[parts[parts.length - 1] as string] = value;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export interface LoadedConfig {
  config: PropoConfig;
  /** Which file was read, if any. */
  configFile: string | null;
  /** Which keys came from where (for `config check`). */
  sources: Record<string, ConfigSource>;
}

export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  const processEnv = options.env ?? process.env;
  const problems: ConfigProblem[] = [];
  const sources: Record<string, ConfigSource> = {};

  let fileEnv: Record<string, string> = {};
  const dotenvPath = options.dotenvPath === false ? null : resolve(cwd, options.dotenvPath ?? '.env');
  if (dotenvPath && existsSync(dotenvPath)) fileEnv = parseDotenv(readFileSync(dotenvPath));
  const env: Record<string, string | undefined> = { ...fileEnv, ...processEnv };

  const explicit = options.configPath ?? env.PROPO_CONFIG;
  const configFile = explicit ? resolve(cwd, explicit) : existsSync(resolve(cwd, 'config.yaml')) ? resolve(cwd, 'config.yaml') : null;
  let raw: Tree = {};
  if (configFile) {
    if (!existsSync(configFile)) {
      problems.push({ key: 'PROPO_CONFIG', message: `config file ${configFile} does not exist`, fix: 'point PROPO_CONFIG at an existing YAML file or unset it' });
    } else {
      try {
        // The YAML parser loads only when there is a config file to read.
        const { parse: parseYaml } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
        const parsed: unknown = parseYaml(readFileSync(configFile, 'utf8'));
        if (parsed !== null && parsed !== undefined) {
          if (typeof parsed !== 'object' || Array.isArray(parsed)) {
            problems.push({ key: configFile, message: 'the file is not a YAML mapping', fix: 'start from config.example.yaml' });
          } else {
            raw = parsed as Tree;
            for (const key of Object.keys(raw)) sources[key] = 'file';
          }
        }
      } catch (error) {
        problems.push({ key: configFile, message: `YAML does not parse: ${(error as Error).message}`, fix: 'fix the YAML syntax (see config.example.yaml)' });
      }
    }
  }

  for (const binding of ENV_BINDINGS) {
    const value = env[binding.env];
    if (value === undefined || value === '') continue;
    setPath(raw, binding.path, binding.list ? value.split(',').map((s) => s.trim()) : value);
    sources[binding.path] = 'env';
  }
  // Selecting providers from the keys users already set, as the original app did.
  const llm = (raw.llm ?? {}) as Tree;
  if (llm.provider === undefined) {
    if (env.LLM_BASE_URL) setPath(raw, 'llm.provider', 'openai');
    else if (env.OPENROUTER_API_KEY) setPath(raw, 'llm.provider', 'openrouter');
  }
  if (env.LLM_BASE_URL && !env.LLM_MODEL && !env.OPENROUTER_MODEL && llm.model === undefined) setPath(raw, 'llm.model', 'default');
  const store = (raw.vectorStore ?? {}) as Tree;
  if (store.provider === undefined && env.VECTOR_STORE === undefined && env.PINECONE_API_KEY && env.PINECONE_INDEX) {
    setPath(raw, 'vectorStore.provider', 'pinecone');
  }
  // Settings saved from the web UI (<dataDir>/settings.json) win over the file and env; CLI flags win over them.
  if (options.settingsFile !== false) {
    const dataDir = resolve(cwd, typeof raw.dataDir === 'string' ? raw.dataDir : typeof options.overrides?.dataDir === 'string' ? options.overrides.dataDir : './data');
    try {
      for (const [path, value] of Object.entries(readSettingsFile(settingsFilePath(dataDir)))) {
        setPath(raw, path, value);
        sources[path] = 'settings';
      }
    } catch (error) {
      problems.push({ key: settingsFilePath(dataDir), message: (error as Error).message, fix: 'correct or delete the file' });
    }
  }
  for (const [path, value] of Object.entries(options.overrides ?? {})) {
    if (value === undefined) continue;
    setPath(raw, path, value);
    sources[path] = 'flag';
  }

  const result = validateConfigTree(raw);
  problems.push(...result.problems);
  if (problems.length > 0 || !result.config) {
    throw new PropoError('PROPO_ERR_CONFIG_INVALID', formatProblems(problems), { details: { problems } });
  }
  const config = result.config;
  config.dataDir = resolve(cwd, config.dataDir);
  config.logDir = resolve(cwd, config.logDir);
  config.backup.dir = resolve(cwd, config.backup.dir);
  return { config: deepFreeze(config), configFile, sources };
}

/** The schema plus cross-field checks, for a raw tree (the config file's shape). Used at start and by the Settings tab. */
export function validateConfigTree(raw: unknown): { config: PropoConfig | null; problems: ConfigProblem[] } {
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    return {
      config: null,
      problems: result.error.issues.map((issue) => {
        const path = issue.path.join('.');
        const binding = ENV_BINDINGS.find((b) => b.path === path);
        const key = binding ? `${path} (env ${binding.env})` : path || '(root)';
        return { key, message: issue.message, fix: binding ? binding.help : 'see config.example.yaml for allowed values' };
      }),
    };
  }
  const problems = crossChecks(result.data);
  return { config: problems.length === 0 ? result.data : null, problems };
}

function crossChecks(config: PropoConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (config.llm.provider === 'openrouter' && !config.llm.apiKey) {
    problems.push({ key: 'llm.apiKey (env OPENROUTER_API_KEY)', message: 'OpenRouter is selected but no key is set', fix: 'set OPENROUTER_API_KEY in .env, or LLM_PROVIDER=none for extractive answers' });
  }
  if (config.llm.provider === 'openai' && !config.llm.baseUrl) {
    problems.push({ key: 'llm.baseUrl (env LLM_BASE_URL)', message: 'an OpenAI-compatible LLM needs a base URL', fix: 'set LLM_BASE_URL, e.g. http://localhost:11434/v1 for Ollama' });
  }
  if (config.embedder.provider === 'openai' && !config.embedder.baseUrl) {
    problems.push({ key: 'embedder.baseUrl (env EMBED_BASE_URL)', message: 'the openai embedder needs a base URL', fix: 'set EMBED_BASE_URL to a server exposing /v1/embeddings' });
  }
  if (config.embedder.provider === 'openai' && config.embedder.dimensions === undefined) {
    problems.push({ key: 'embedder.dimensions (env EMBED_DIMENSIONS)', message: 'the openai embedder needs the vector size of its model', fix: 'set EMBED_DIMENSIONS, e.g. 1536 for text-embedding-3-small' });
  }
  if (config.vectorStore.provider === 'pinecone' && !config.vectorStore.pinecone.apiKey) {
    problems.push({ key: 'vectorStore.pinecone.apiKey (env PINECONE_API_KEY)', message: 'Pinecone is selected but no key is set', fix: 'set PINECONE_API_KEY, or VECTOR_STORE=sqlite' });
  }
  if (config.auth.enabled && config.nodeEnv === 'production' && isWeakPassword(config.auth.pass)) {
    problems.push({ key: 'auth.pass (env GRADIO_AUTH_PASS)', message: 'a default or empty admin password is refused in production', fix: 'set GRADIO_AUTH_PASS to a strong password (12+ characters, not a default)' });
  }
  if (config.auth.enabled && !config.auth.pass) {
    problems.push({ key: 'auth.pass (env GRADIO_AUTH_PASS)', message: 'auth is enabled but no admin password is set', fix: 'set GRADIO_AUTH_PASS' });
  }
  if (config.moe.gate.k_min > config.moe.gate.k_max) {
    problems.push({ key: 'moe.gate.k_min', message: 'k_min is larger than k_max', fix: 'make k_min <= k_max' });
  }
  return problems;
}

const WEAK = new Set(['', 'admin', 'password', 'changeme', 'change-me', '123456', 'secret', 'propo', 'gradio']);
export function isWeakPassword(pass: string): boolean {
  return WEAK.has(pass.toLowerCase()) || pass.length < 8;
}

export function formatProblems(problems: ConfigProblem[]): string {
  return `Configuration is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
    problems.map((p) => `  - ${p.key}: ${p.message}. Fix: ${p.fix}`).join('\n');
}
