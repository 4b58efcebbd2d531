import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VectorStore } from '../../../core/ports/index.ts';
import { runVectorStoreSuite } from '../../../testing/vector-store-conformance.ts';
import { createLanceDbStore } from './lancedb-store.ts';
import { createLanceDbUnitTablesStore } from './unit-tables-store.ts';

const dirs = new WeakMap<VectorStore, string>();

// The single-table store and the app's one-table-per-unit store honour the same contract.
for (const [name, create] of [['lancedb', createLanceDbStore], ['lancedb (one table per unit)', createLanceDbUnitTablesStore]] as const) {
  runVectorStoreSuite({
    name,
    capabilities: { stemming: true },
    create: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'propo-lancedb-'));
      const store = create({ dir });
      dirs.set(store, dir);
      return store;
    },
    reopen: async (store) => {
      const dir = dirs.get(store);
      if (dir === undefined) throw new Error('reopen: unknown store');
      return create({ dir });
    },
    cleanup: async (store) => {
      const dir = dirs.get(store);
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    },
  });
}
