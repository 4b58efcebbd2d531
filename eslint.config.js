import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', '.cache/**', 'data/**', 'logs/**', 'backups/**', 'test-output/**', 'bench/.work/**', 'dist/**', 'src/app/web/public/vendor/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': ['error', {
        // node:test registers tests; their returned promises are awaited by the runner.
        allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }],
      }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through src/core/config only.' }],
    },
  },
  {
    // lance-runtime.ts sets LanceDB's own LANCE_CPU_THREADS (a native-library setting, not Propo configuration).
    files: ['src/core/config/load-config.ts', 'src/providers/stores/lancedb/lance-runtime.ts', 'scripts/**', 'bench/**', '**/*.test.ts', 'test/**', 'src/testing/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', document: 'readonly', window: 'readonly', fetch: 'readonly' } },
  },
  {
    // Browser code: tsconfig.web.json type-checks it against the DOM lib, which also catches undefined names.
    files: ['src/app/web/public/**/*.js'],
    rules: { 'no-undef': 'off' },
  },
);
