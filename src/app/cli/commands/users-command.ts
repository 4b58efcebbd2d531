/**
 * `bin/propo users add|rm|passwd|list|token`: accounts and API tokens in the app database.
 * Opens only the SQLite file (no embedder, no vector store). Passwords come from stdin with
 * --password-stdin, else a strong one is generated and printed once; tokens are printed once.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { PropoConfig } from '../../../core/config/index.ts';
import { PropoError } from '../../../core/errors/index.ts';
import type { AuditLog } from '../../security/audit-log.ts';
import type { Role, UserRepository } from '../../security/user-repository.ts';
import { action, loadConfigModule, printJson, type CliContext } from '../cli-context.ts';

async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!password) throw new PropoError('PROPO_ERR_VALIDATION', 'No password on stdin. Example: printf "%s" "$PASS" | bin/propo users add alice --password-stdin');
  return password;
}

async function withUsers<T>(config: PropoConfig, run: (users: UserRepository, audit: AuditLog) => Promise<T>): Promise<T> {
  const [{ openDatabase }, { createAuditLog }, { UserRepository: Users }, { secretValues }] = await Promise.all([
    import('../../../providers/stores/sqlite/index.ts'), import('../../security/audit-log.ts'), import('../../security/user-repository.ts'), loadConfigModule()]);
  const db = openDatabase(join(config.dataDir, 'propo.sqlite'));
  try {
    return await run(new Users(db), createAuditLog({ logDir: config.logDir, secrets: secretValues(config) }));
  } finally {
    db.close();
  }
}

export function registerUsers(program: Command, ctx: CliContext): void {
  const users = program.command('users').description('Manage accounts and API tokens.');
  const password = async (options: { passwordStdin?: boolean }) => {
    if (options.passwordStdin) return { value: await readPasswordFromStdin(), generated: false };
    return { value: randomBytes(18).toString('base64url'), generated: true };
  };
  const source = { user: 'cli', details: {} };

  users.command('add').description('Add an account.').argument('<name>').option('--role <role>', 'user or admin', 'user').option('--password-stdin', 'read the password from stdin')
    .action(action(ctx, async (name: string, options: { role: string; passwordStdin?: boolean }) => {
      const check: (role: string) => asserts role is Role = (await import('../../security/user-repository.ts')).assertRole;
      check(options.role);
      const role = options.role;
      const pass = await password(options);
      await withUsers(ctx.config(), async (repo, audit) => {
        await repo.add(name, role, pass.value);
        audit.write({ type: 'USER_CHANGED', ...source, details: { action: 'add', target: name, role, via: 'cli' } });
      });
      process.stdout.write(`added ${name} (${role})\n`);
      if (pass.generated) process.stdout.write(`password (shown once): ${pass.value}\n`);
    }));

  users.command('rm').description('Remove an account (and its sessions and tokens).').argument('<name>')
    .action(action(ctx, async (name: string) => {
      await withUsers(ctx.config(), async (repo, audit) => {
        repo.remove(name);
        audit.write({ type: 'USER_CHANGED', ...source, details: { action: 'remove', target: name, via: 'cli' } });
      });
      process.stdout.write(`removed ${name}\n`);
    }));

  users.command('passwd').description('Set a new password (logs the account out everywhere).').argument('<name>').option('--password-stdin', 'read the password from stdin')
    .action(action(ctx, async (name: string, options: { passwordStdin?: boolean }) => {
      const pass = await password(options);
      await withUsers(ctx.config(), async (repo, audit) => {
        await repo.setPassword(name, pass.value);
        audit.write({ type: 'USER_CHANGED', ...source, details: { action: 'passwd', target: name, via: 'cli' } });
      });
      process.stdout.write(`password changed for ${name}\n`);
      if (pass.generated) process.stdout.write(`password (shown once): ${pass.value}\n`);
    }));

  users.command('list').description('List accounts.').option('--json', 'print JSON')
    .action(action(ctx, async (options: { json?: boolean }) => {
      const list = await withUsers(ctx.config(), async (repo) => repo.list().map((u) => ({ ...u, tokens: repo.tokenCount(u.name) })));
      if (options.json) printJson({ users: list });
      else for (const u of list) process.stdout.write(`${u.name}  ${u.role}  tokens=${u.tokens}  created ${u.createdAt}\n`);
    }));

  users.command('token').description('Create an API token (Authorization: Bearer …); printed once, stored as sha256.').argument('<name>').option('--label <label>', 'what the token is for', 'cli')
    .action(action(ctx, async (name: string, options: { label: string }) => {
      const token = await withUsers(ctx.config(), async (repo, audit) => {
        const created = repo.createToken(name, options.label);
        audit.write({ type: 'TOKEN_CREATED', ...source, details: { target: name, label: options.label, via: 'cli' } });
        return created;
      });
      process.stdout.write(`${token}\n`);
    }));
}
