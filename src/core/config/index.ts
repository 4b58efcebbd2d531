export { loadConfig, formatProblems, isWeakPassword, type LoadConfigOptions, type LoadedConfig, type ConfigProblem } from './load-config.ts';
export { configSchema, ENV_BINDINGS, SECRET_PATHS, type PropoConfig, type PropoConfigInput, type EnvBinding } from './schema.ts';
export { redactConfig, secretValues } from './redact.ts';
