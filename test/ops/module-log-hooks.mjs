// Loader hooks (run in Node's hooks thread): every ES module URL that is loaded, one per line, appended to the file
// named by the `log` value `module-log.mjs` registers them with. Test helper (test/ops/module-loading.test.ts).
import { appendFileSync } from 'node:fs';

let log = null;

export function initialize(data) {
  log = data.log;
}

export async function load(url, context, nextLoad) {
  if (log) appendFileSync(log, `${url}\n`);
  return nextLoad(url, context);
}
