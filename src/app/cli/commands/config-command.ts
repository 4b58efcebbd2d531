import type { Command } from 'commander';
import { isPropoError } from '../../../core/errors/index.ts';
import { loadConfigModule, printJson, type CliContext } from '../cli-context.ts';

export function registerConfig(program: Command, _ctx: CliContext): void {
  const config = program.command('config').description('Inspect configuration.');
  config.command('check').description('Validate configuration and print the effective config (secrets redacted). Exit 1 listing every problem when invalid.')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { loadConfig, redactConfig } = await loadConfigModule();
      const g = program.opts<{ config?: string; dataDir?: string; namespace?: string }>();
      try {
        const loaded = loadConfig({ ...(g.config ? { configPath: g.config } : {}), overrides: { ...(g.dataDir ? { dataDir: g.dataDir } : {}), ...(g.namespace ? { namespace: g.namespace } : {}) } });
        const effective = redactConfig(loaded.config);
        if (options.json) printJson({ valid: true, configFile: loaded.configFile, config: effective });
        else process.stdout.write(`Configuration is valid${loaded.configFile ? ` (${loaded.configFile})` : ''}.\n${JSON.stringify(effective, null, 2)}\n`);
      } catch (error) {
        if (!isPropoError(error)) throw error;
        if (options.json) printJson({ valid: false, problems: error.details?.problems ?? [{ key: '', message: error.message }] });
        else process.stderr.write(`${error.message}\n`);
        process.exitCode = 1;
      }
    });
}
