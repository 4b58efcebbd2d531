import { ERROR_CATALOGUE } from './error-codes.ts';

/** The Markdown catalogue of error codes (docs/errors.md); a test keeps the file in sync. */
export function renderErrorDocs(): string {
  const rows = Object.entries(ERROR_CATALOGUE).map(([code, spec]) => `| \`${code}\` | ${spec.httpStatus} | ${spec.retryable ? 'yes' : 'no'} | ${spec.summary} |`);
  return [
    '# Error codes',
    '',
    'Every error Propo reports carries a stable code. The HTTP API answers `{ "error": { "code", "message" } }` with the status below;',
    'the CLI prints `error CODE: message`. Generated from `src/core/errors/error-codes.ts` by `scripts/gen-error-docs.ts`.',
    '',
    '| code | HTTP | retry helps | meaning |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
