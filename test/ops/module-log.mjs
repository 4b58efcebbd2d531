// `node --import ./test/ops/module-log.mjs …` (or NODE_OPTIONS="--import …"): logs every module the process loads
// to $PROPO_MODULE_LOG, one per line — ES modules (file:// URLs, through a loader hook) and CommonJS modules
// (absolute paths, from require.cache at exit, which also holds the modules an ES import of a package require()s).
// Test helper for test/ops/module-loading.test.ts: a count of what a command loads, not a timing.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

const log = process.env.PROPO_MODULE_LOG;
// bin/propo may rebuild dist/ first (a source newer than the build): that node process is not the command.
if (log && !process.argv[1]?.endsWith('scripts/build.mjs')) {
  register(new URL('./module-log-hooks.mjs', import.meta.url), { data: { log } });
  process.once('exit', () => {
    const cjs = Object.keys(Module._cache ?? {});
    if (cjs.length > 0) appendFileSync(log, `${cjs.join('\n')}\n`);
  });
}
