/** Regenerates docs/errors.md from the error catalogue: `node --import ./bin/register.mjs scripts/gen-error-docs.ts`. */
import { writeFileSync } from 'node:fs';
import { renderErrorDocs } from '../src/core/errors/render-error-docs.ts';

writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorDocs());
