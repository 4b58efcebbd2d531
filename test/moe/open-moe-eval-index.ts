/**
 * Opens an evaluation index the way the composition root will once MoE is wired: createApp on the
 * scratch dir, and when `moe.enabled`, app.retrieve wrapped by createMoePipeline. Corpus ingestion
 * mirrors `propo eval` (in-process TXT parse, upserts buffered and written at the end).
 * Used by run-moe-ab.ts and fit-reranker-weights.ts (scripts, not tests).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createApp } from '../../src/app/compose.ts';
import { loadConfig, type PropoConfig } from '../../src/core/config/index.ts';
import type { VectorRecord } from '../../src/core/domain/index.ts';
import { embedMany } from '../../src/core/embed/index.ts';
import type { EvalIndex, IndexSettings } from '../../src/core/eval/index.ts';
import { ingestFile, type IngestDeps } from '../../src/core/ingest/ingest-file.ts';
import { createMoePipeline, type MoePipeline } from '../../src/core/moe/index.ts';
import { createTxtParser } from '../../src/providers/parsers/index.ts';
import { indexedUnits } from '../../src/core/retrieval/indexed-units.ts';

/** config.yaml-shaped YAML → dotted overrides. */
export function readVariantOverrides(file: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (tree: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(tree)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) walk(value as Record<string, unknown>, path);
      else out[path] = value;
    }
  };
  walk((parseYaml(readFileSync(file, 'utf8')) ?? {}) as Record<string, unknown>, '');
  delete out['retrieval.mode'];
  return out;
}

export function variantConfig(file: string, dataDir: string): PropoConfig {
  return loadConfig({ env: { EMBEDDER: 'hash' }, dotenvPath: false, overrides: { ...readVariantOverrides(file), dataDir, logDir: join(dataDir, 'logs') } }).config;
}

export function indexSettings(config: PropoConfig): IndexSettings {
  return { embedder: `hash:${config.embedder.dimensions}`, unit: indexedUnits(config.retrieval).join('+'), propositionizer: 'rule' };
}

export async function openMoeEvalIndex(config: PropoConfig, dir: string): Promise<EvalIndex & { moe: MoePipeline | null }> {
  const scratch: PropoConfig = { ...config, dataDir: dir, logDir: join(dir, 'logs'), namespace: 'eval', llm: { ...config.llm, provider: 'none' } };
  const app = await createApp(scratch);
  const moe = scratch.moe.enabled
    ? createMoePipeline({ config: scratch, baseRetrieve: app.retrieve, vectors: app.vectors, storage: app.documents, embedder: app.embedder, llm: null, metrics: app.metrics })
    : null;
  let buffer: VectorRecord[] = [];
  const vectors = new Proxy(app.vectors, {
    get(target, property) {
      if (property === 'upsert') return (records: VectorRecord[]) => { buffer.push(...records); return Promise.resolve(); };
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const parser = createTxtParser();
  const deps: IngestDeps = {
    repository: app.documents, vectors, embedder: app.embedder, propositionizer: app.propositionizer,
    filesDir: join(dir, 'files'), namespace: scratch.namespace, units: indexedUnits(scratch.retrieval), detect: () => 'txt',
    parse: (bytes, options) => parser.parse(bytes, { fileName: options.fileName }),
    embed: (texts, options) => embedMany(app.embedder, texts, options.signal ? { signal: options.signal } : {}),
  };
  const encoder = new TextEncoder();
  return {
    moe,
    ingest: (document) => ingestFile(deps, { fileName: document.fileName, bytes: encoder.encode(document.text) }),
    async finishIngest() {
      const batch = buffer;
      buffer = [];
      for (let i = 0; i < batch.length; i += 20_000) await app.vectors.upsert(batch.slice(i, i + 20_000));
      const store = app.vectors as { optimize?: () => Promise<void> };
      if (typeof store.optimize === 'function') await store.optimize();
    },
    retrieve: (query, options) => (moe ? moe.retrieve(query, options) : app.retrieve(query, options)),
    close: async () => { await moe?.close(); await app.close(); },
  };
}
