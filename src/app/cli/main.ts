/** The `propo` CLI entry point (bin/propo). Each command lives in commands/ and registers itself. */
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { CliContext } from './cli-context.ts';
import { registerAsk } from './commands/ask-command.ts';
import { registerCite } from './commands/cite-command.ts';
import { registerConfig } from './commands/config-command.ts';
import { registerCollections } from './commands/collections-command.ts';
import { registerDocs } from './commands/docs-command.ts';
import { registerIngest } from './commands/ingest-command.ts';
import { registerBackup } from './commands/backup-command.ts';
import { registerEval, registerEvalCompare } from './commands/eval-command.ts';
import { registerExport } from './commands/export-command.ts';
import { registerImport } from './commands/import-command.ts';
import { registerOps } from './commands/ops-command.ts';
import { registerMigrate } from './commands/migrate-command.ts';
import { registerRestore } from './commands/restore-command.ts';
import { registerSecurityCommands } from './commands/security-command.ts';
import { registerUsers } from './commands/users-command.ts';
import { registerServe } from './commands/serve-command.ts';
import { registerMcp } from './commands/mcp-command.ts';
import { registerReindex } from './commands/reindex-command.ts';
import { registerWatch } from './commands/watch-command.ts';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

export function buildProgram(): Command {
  const program = new Command('propo')
    .description('Propo — answers from your own documents, every statement cited to its exact span.')
    .version(pkg.version)
    .option('--config <file>', 'config file (default: $PROPO_CONFIG or ./config.yaml)')
    .option('--data-dir <dir>', 'data directory (default: $PROPO_DATA_DIR or ./data)')
    .option('--log-dir <dir>', 'log directory (default: $PROPO_LOG_DIR or ./logs)')
    .option('--namespace <name>', 'namespace (default: $NAMESPACE or default)')
    .showHelpAfterError()
    .exitOverride((error) => {
      process.exit(error.exitCode === 0 ? 0 : 1);
    });
  const ctx = new CliContext(program);
  for (const register of [registerServe, registerIngest, registerDocs, registerCollections, registerAsk, registerCite, registerConfig, registerReindex,
    registerEval, registerEvalCompare, registerBackup, registerRestore, registerExport, registerImport, registerOps, registerUsers, registerSecurityCommands, registerMigrate, registerMcp, registerWatch]) register(program, ctx);
  return program;
}

await buildProgram().parseAsync(process.argv);
