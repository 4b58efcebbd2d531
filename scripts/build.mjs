#!/usr/bin/env node
// Compiles src/**/*.ts (not tests, not src/testing) to JavaScript with esbuild, one file per source file, so
// `bin/propo` starts without transforming TypeScript (docs/decisions/0031-compiled-startup.md). The TypeScript
// sources stay the single truth: dist/ is ignored by git, built by `npm install` (prepare) and again by bin/propo
// whenever a source file is newer than the build. Source maps point back at src/.
//
// Layout: dist/<build id>/src/... mirrors src/ (so paths relative to a module, like ../../../package.json, hold),
// next to a copy of package.json and a link to bin/; dist/current links the newest build. A build never changes a
// directory a running process loaded from: it writes a new one and switches the link; builds older than a day go.
import { build, transform } from 'esbuild';
import { performance } from 'node:perf_hooks';
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync, readlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const src = join(root, 'src');
const dist = join(root, 'dist');
const quiet = process.argv.includes('--quiet');
const id = `b${Date.now().toString(36)}-${process.pid}`;
const out = join(dist, id);

function sources(dir, files = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (path === join(src, 'testing')) continue;
      sources(path, files);
    } else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

// Relative specifiers written with `.ts` (the sources' convention) become `.js` in the output.
const SPECIFIER = /((?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\bnew URL\(\s*)["'])(\.{1,2}\/[^"'\n]*?)\.ts(["'])/g;

// Packages with many small modules are pre-bundled into one file each for the modules listed: zod is ~95 ES modules,
// and resolving and loading them cost ~30% of a command's start-up (docs/decisions/0076-startup-module-loading.md).
// Only the config schema uses the bundle: mcp-tools.ts hands its zod schemas to the MCP SDK, which must see the
// same zod instance as its own, so it keeps node_modules' zod.
const VENDORED = { zod: ['core/config/schema.ts'] };

const started = performance.now();
const files = sources(src);
await Promise.all(Object.keys(VENDORED).map((name) => build({
  stdin: { contents: `export * from '${name}';`, resolveDir: root, loader: 'js' },
  bundle: true, format: 'esm', platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'error',
  outfile: join(out, 'vendor', `${name}.js`),
})));
/** `from 'zod'` → the bundle, relative to the compiled module, in the modules VENDORED lists. */
function vendored(code, file) {
  const path = relative(src, file);
  let result = code;
  for (const [name, users] of Object.entries(VENDORED)) {
    if (!users.includes(path)) continue;
    const target = relative(dirname(join(out, 'src', path)), join(out, 'vendor', `${name}.js`));
    result = result.replaceAll(`from "${name}"`, `from "${target.startsWith('.') ? target : `./${target}`}"`);
  }
  return result;
}
await Promise.all(files.map(async (file) => {
  const target = join(out, 'src', relative(src, file)).replace(/\.ts$/, '.js');
  const result = await transform(readFileSync(file, 'utf8'), {
    loader: 'ts', format: 'esm', platform: 'node', target: 'node20', sourcemap: 'external',
    sourcefile: relative(dirname(target), file),
  });
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${vendored(result.code, file).replace(SPECIFIER, '$1$2.js$3')}//# sourceMappingURL=${target.split('/').pop()}.map\n`);
  writeFileSync(`${target}.map`, result.map);
}));
// Static web assets are served relative to the compiled module, as from src/.
cpSync(join(src, 'app/web/public'), join(out, 'src/app/web/public'), { recursive: true });
cpSync(join(root, 'package.json'), join(out, 'package.json'));
symlinkSync('../../bin', join(out, 'bin'));
writeFileSync(join(out, '.stamp'), `${new Date().toISOString()}\n`);
const link = join(dist, `.current-${process.pid}`);
symlinkSync(id, link);
renameSync(link, join(dist, 'current'));

let current = id;
try { current = readlinkSync(join(dist, 'current')); } catch { /* raced: keep ours */ }
for (const name of readdirSync(dist)) {
  if (!name.startsWith('b') || name === current || name === id) continue;
  const path = join(dist, name);
  if (Date.now() - statSync(path).mtimeMs > 24 * 3600 * 1000) rmSync(path, { recursive: true, force: true });
}
if (!quiet) console.log(`[build] ${files.length} modules → dist/${id} in ${Math.round(performance.now() - started)} ms`);
