import { join } from 'node:path';
import type { VectorStore } from '../../../core/ports/index.ts';
import { runVectorStoreSuite } from '../../../testing/vector-store-conformance.ts';
import { tempDirsRemovedAfter } from '../../../testing/temp-dirs.ts';
import { createSqliteVectorStore } from './sqlite-vector-store.ts';

const dirs = new WeakMap<VectorStore, string>();
const makeDir = tempDirsRemovedAfter('propo-sqlite-store-');

// Exact below the ANN threshold, and HNSW from the first row (annThreshold 1).
for (const [name, annThreshold] of [['sqlite (exact)', 20_000], ['sqlite (hnsw)', 1]] as const) {
  runVectorStoreSuite({
    name,
    capabilities: { stemming: true },
    create: async () => {
      const dir = await makeDir();
      const store = createSqliteVectorStore({ file: join(dir, 'propo.sqlite'), annThreshold });
      dirs.set(store, dir);
      return store;
    },
    reopen: async (store) => createSqliteVectorStore({ file: join(dirs.get(store) ?? '', 'propo.sqlite'), annThreshold }),
  });
}
