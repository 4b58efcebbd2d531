/**
 * Child process of bm25-crash.test.ts: deletes the previous round's rows, then writes 6 batches of 2,000 rows to one
 * unit table, searching after each (the in-memory BM25 index catches up) and saving the index file ("saving b",
 * then "saved b" once the save finished). Usage: node --import ./bin/register.mjs test/reliability/bm25-writer.ts <db file> <base> <round>
 */
import { BATCH, BATCHES, openBm25Table, rowOf } from './bm25-rows.ts';

const [file, base, roundArg] = process.argv.slice(2) as [string, string, string];
const { db, table } = openBm25Table(file, { base, warn: (_fields, message) => process.stderr.write(`${message}\n`) });
table.deleteWhere({ namespace: 'default' });
for (let batch = 0; batch < BATCHES; batch++) {
  db.transaction(() => table.write(Array.from({ length: BATCH }, (_, j) => rowOf(`r${roundArg}-${batch}`, j))))();
  table.catchUp();
  table.searchText('wa ke', 10, undefined);
  process.stdout.write(`saving ${batch}\n`);
  await table.close();
  process.stdout.write(`saved ${batch}\n`);
}
db.close();
