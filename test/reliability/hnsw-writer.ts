/**
 * Child process of hnsw-crash.test.ts: replaces every row of a SQLite vector store with 8 batches of 500 rows
 * (384-d, so the background HNSW build takes a while), printing after each batch whether the dense index is still
 * exact while it holds more rows than the ANN threshold ("building"), then waits for the build and closes (which
 * saves the HNSW file). Usage: node --import ./bin/register.mjs test/reliability/hnsw-writer.ts <db file> <round>
 */
import { createSqliteVectorStore } from '../../src/providers/stores/sqlite-index/index.ts';
import { ANN_THRESHOLD, BATCH, BATCHES, IDENTITY, rowOf } from './hnsw-rows.ts';

const [file, roundArg] = process.argv.slice(2) as [string, string];
const round = Number(roundArg);
const store = createSqliteVectorStore({ file, annThreshold: ANN_THRESHOLD });
await store.open(IDENTITY);
for (const documentId of await store.listDocumentIds()) await store.deleteByDocument(documentId);
for (let batch = 0; batch < BATCHES; batch++) {
  await store.upsert(Array.from({ length: BATCH }, (_, j) => rowOf(`b${round}-${batch}`, j)));
  const health = await store.health();
  const rows = (batch + 1) * BATCH;
  const state = rows >= ANN_THRESHOLD && / \(exact\)/u.test(health.detail ?? '') ? 'building' : 'written';
  process.stdout.write(`batch ${batch} ${state}\n`);
}
process.stdout.write('saving\n');
await store.settled();
await store.close();
process.stdout.write('closed\n');
