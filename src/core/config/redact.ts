import { SECRET_PATHS, type PropoConfig } from './schema.ts';

/** A copy of the config with every secret replaced by `***` (or null when unset). */
export function redactConfig(config: PropoConfig): Record<string, unknown> {
  const walk = (node: unknown, path: string): unknown => {
    if (SECRET_PATHS.has(path)) return node === undefined || node === '' ? null : '***';
    if (Array.isArray(node)) return node.map((item) => walk(item, path));
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, path ? `${path}.${k}` : k)]));
    }
    return node;
  };
  return walk(config, '') as Record<string, unknown>;
}

/** Every secret value present in the config, for leak tests and log scrubbing. */
export function secretValues(config: PropoConfig): string[] {
  const values: string[] = [];
  for (const path of SECRET_PATHS) {
    let node: unknown = config;
    for (const part of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    if (typeof node === 'string' && node.length > 0) values.push(node);
  }
  return values;
}
