/**
 * `bin/propo users add|rm|passwd|role|disable|enable|list|token|tokens|revoke`: accounts and API tokens in the app database.
 * Opens only the SQLite file (no embedder, no vector store). Passwords come from stdin with
 * --password-stdin, else a strong one is generated and printed once; tokens are printed once. Every action goes
 * through UserAdmin (src/app/security/user-admin.ts), the same code as the admin page.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import type { PropoConfig } from '../../../core/config/index.ts';
import { PropoError } from '../../../core/errors/index.ts';
import type { UserAdmin, UserAdminContext } from '../../security/user-admin.ts';
import type { Role } from '../../security/user-repository.ts';
import { action, loadConfigModule, printJson, type CliContext } from '../cli-context.ts';

async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!password) throw new PropoError('PROPO_ERR_VALIDATION', 'No password on stdin. Example: printf "%s" "$PASS" | bin/propo users add alice --password-stdin');
  return password;
}

async function withUsers<T>(config: PropoConfig, run: (admin: UserAdmin) => Promise<T>): Promise<T> {
  const [{ openDatabase }, { createAuditLog }, { UserRepository: Users }, { UserAdmin: Admin }, { secretValues }] = await Promise.all([
    import('../../../providers/stores/sqlite/index.ts'), import('../../security/audit-log.ts'), import('../../security/user-repository.ts'),
    import('../../security/user-admin.ts'), loadConfigModule()]);
  const db = openDatabase(join(config.dataDir, 'propo.sqlite'));
  const audit = createAuditLog({ logDir: config.logDir, secrets: secretValues(config) });
  try {
    return await run(new Admin(new Users(db), (event) => audit.write(event)));
  } finally {
    audit.close();
    db.close();
  }
}

async function checkRole(role: string): Promise<Role> {
  const check: (value: string) => asserts value is Role = (await import('../../security/user-repository.ts')).assertRole;
  check(role);
  return role;
}

export function registerUsers(program: Command, ctx: CliContext): void {
  const users = program.command('users').description('Manage accounts and API tokens (the same rules as the admin page).');
  const password = async (options: { passwordStdin?: boolean }) => (options.passwordStdin ? readPasswordFromStdin() : undefined);
  const by: UserAdminContext = { actor: 'cli', via: 'cli' };
  const shownOnce = (outcome: { password: string; generated: boolean }) => {
    if (outcome.generated) process.stdout.write(`password (shown once): ${outcome.password}\n`);
  };

  users.command('add').description('Add an account.').argument('<name>').option('--role <role>', 'user or admin', 'user').option('--password-stdin', 'read the password from stdin')
    .action(action(ctx, async (name: string, options: { role: string; passwordStdin?: boolean }) => {
      const role = await checkRole(options.role);
      const pass = await password(options);
      const created = await withUsers(ctx.config(), (admin) => admin.add(by, name, role, pass));
      process.stdout.write(`added ${name} (${role})\n`);
      shownOnce(created);
    }));

  users.command('rm').description('Remove an account (and its sessions and tokens).').argument('<name>')
    .action(action(ctx, async (name: string) => {
      await withUsers(ctx.config(), (admin) => admin.remove(by, name));
      process.stdout.write(`removed ${name}\n`);
    }));

  users.command('passwd').description('Set a new password (logs the account out everywhere).').argument('<name>').option('--password-stdin', 'read the password from stdin')
    .action(action(ctx, async (name: string, options: { passwordStdin?: boolean }) => {
      const pass = await password(options);
      const outcome = await withUsers(ctx.config(), (admin) => admin.setPassword(by, name, pass));
      process.stdout.write(`password changed for ${name}\n`);
      shownOnce(outcome);
    }));

  users.command('role').description('Change an account\'s role (the last enabled admin keeps it).').argument('<name>').argument('<role>', 'user or admin')
    .action(action(ctx, async (name: string, roleText: string) => {
      const role = await checkRole(roleText);
      await withUsers(ctx.config(), async (admin) => admin.setRole(by, name, role));
      process.stdout.write(`${name} is now ${role}\n`);
    }));

  users.command('disable').description('Disable an account: logins, sessions and its API tokens stop working (nothing is deleted).').argument('<name>')
    .action(action(ctx, async (name: string) => {
      await withUsers(ctx.config(), (admin) => admin.setDisabled(by, name, true));
      process.stdout.write(`disabled ${name}\n`);
    }));

  users.command('enable').description('Enable a disabled account again.').argument('<name>')
    .action(action(ctx, async (name: string) => {
      await withUsers(ctx.config(), (admin) => admin.setDisabled(by, name, false));
      process.stdout.write(`enabled ${name}\n`);
    }));

  users.command('list').description('List accounts.').option('--json', 'print JSON')
    .action(action(ctx, async (options: { json?: boolean }) => {
      const list = await withUsers(ctx.config(), async (admin) => admin.list());
      if (options.json) printJson({ users: list });
      else for (const u of list) process.stdout.write(`${u.name}  ${u.role}${u.disabled ? '  disabled' : ''}  tokens=${u.tokens}  created ${u.createdAt}\n`);
    }));

  users.command('token').description('Create an API token (Authorization: Bearer …); printed once, stored as sha256.').argument('<name>').option('--label <label>', 'what the token is for', 'cli')
    .action(action(ctx, async (name: string, options: { label: string }) => {
      const token = await withUsers(ctx.config(), async (admin) => admin.createToken(by, name, options.label));
      process.stdout.write(`${token}\n`);
    }));

  users.command('tokens').description('List an account\'s API tokens (id, label, created, last used; never the token).').argument('<name>').option('--json', 'print JSON')
    .action(action(ctx, async (name: string, options: { json?: boolean }) => {
      const tokens = await withUsers(ctx.config(), async (admin) => admin.tokens(name));
      if (options.json) printJson({ tokens });
      else for (const t of tokens) process.stdout.write(`${t.id}  ${t.label}  created ${t.createdAt}  last used ${t.lastUsedAt ?? 'never'}\n`);
    }));

  users.command('revoke').description('Revoke an API token by the id `users tokens` shows.').argument('<name>').argument('<id>')
    .action(action(ctx, async (name: string, id: string) => {
      await withUsers(ctx.config(), async (admin) => admin.revokeToken(by, name, id));
      process.stdout.write(`revoked token ${id} of ${name}\n`);
    }));
}
