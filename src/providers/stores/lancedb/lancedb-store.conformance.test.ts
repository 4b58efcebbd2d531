import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VectorStore } from '../../../core/ports/index.ts';
import { runVectorStoreSuite } from '../../../testing/vector-store-conformance.ts';
import { createLanceDbStore } from './lancedb-store.ts';

const dirs = new WeakMap<VectorStore, string>();

runVectorStoreSuite({
  name: 'lancedb',
  capabilities: { stemming: true },
  create: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'propo-lancedb-'));
    const store = createLanceDbStore({ dir });
    dirs.set(store, dir);
    return store;
  },
  reopen: async (store) => {
    const dir = dirs.get(store);
    if (dir === undefined) throw new Error('reopen: unknown store');
    return createLanceDbStore({ dir });
  },
  cleanup: async (store) => {
    const dir = dirs.get(store);
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  },
});
