/** `bin/propo security audit [--json] [--no-npm]`: deployment checks; exit 1 on a high finding. */
import type { Command } from 'commander';
import { action, printJson, type CliContext } from '../cli-context.ts';

const ORDER = { high: 0, medium: 1, low: 2, info: 3 } as const;

export function registerSecurityCommands(program: Command, ctx: CliContext): void {
  const security = program.command('security').description('Security checks.');
  security.command('audit').description('Check auth, credentials, file permissions, dependencies, TLS and Redis.')
    .option('--json', 'print JSON').option('--no-npm', 'skip `npm audit`')
    .action(action(ctx, async (options: { json?: boolean; npm: boolean }) => {
      const findings = (await (await import('../../security/run-security-audit.ts')).runSecurityAudit(ctx.config(), { cwd: process.cwd(), npmAudit: options.npm })).sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
      const high = findings.filter((f) => f.severity === 'high').length;
      if (options.json) printJson({ ok: high === 0, findings });
      else {
        for (const f of findings) process.stdout.write(`${f.severity.toUpperCase().padEnd(6)} ${f.id.padEnd(12)} ${f.message}${f.fix ? `\n       fix: ${f.fix}` : ''}\n`);
        process.stdout.write(high > 0 ? `${high} high finding(s): FAIL\n` : 'no high findings: OK\n');
      }
      return high > 0 ? 1 : 0;
    }));
}
