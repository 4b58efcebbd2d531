/** Runs the users/security commands the way bin/propo does (until main.ts registers them). */
import { Command } from 'commander';
import { CliContext } from '../../src/app/cli/cli-context.ts';
import { registerSecurityCommands } from '../../src/app/cli/commands/security-command.ts';
import { registerUsers } from '../../src/app/cli/commands/users-command.ts';

const program = new Command('propo').option('--config <file>').option('--data-dir <dir>').option('--log-dir <dir>').option('--namespace <name>')
  .exitOverride((error) => { process.exit(error.exitCode === 0 ? 0 : 1); });
const ctx = new CliContext(program);
registerUsers(program, ctx);
registerSecurityCommands(program, ctx);
await program.parseAsync(process.argv);
