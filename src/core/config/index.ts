export { loadConfig, formatProblems, isWeakPassword, setPath, validateConfigTree, type LoadConfigOptions, type LoadedConfig, type ConfigProblem, type ConfigSource } from './load-config.ts';
export { EDITABLE_SETTINGS, WATCH_FOLDERS_SETTING, isSecretSetting, mergeSettings, normalizeSettingsPatch, readSettingsFile, settingsFilePath, writeSettingsFile, type EditableSetting } from './settings-file.ts';
export { configSchema, ENV_BINDINGS, SECRET_PATHS, type PropoConfig, type PropoConfigInput, type EnvBinding } from './schema.ts';
export { redactConfig, secretValues } from './redact.ts';
