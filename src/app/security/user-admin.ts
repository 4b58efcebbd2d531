/**
 * Account administration shared by `bin/propo users` and the admin page (`/api/users`): each action checks the
 * same rules (UserRepository), ends the account's sessions where it must, and writes the same audit event.
 * `via` and `actor` say who did it; nothing else differs between the CLI and the web.
 */
import { randomBytes } from 'node:crypto';
import type { AuditEvent } from './audit-log.ts';
import type { SessionStore } from './session-store.ts';
import type { Role, TokenRecord, UserRecord, UserRepository } from './user-repository.ts';

export interface UserAdminContext { actor: string | null; via: 'cli' | 'web'; ip?: string | null; requestId?: string | null }
export interface ListedUser extends UserRecord { tokens: number }
/** A password set by an action; `generated` ones are shown once and never again. */
export interface PasswordOutcome { password: string; generated: boolean }

export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

export class UserAdmin {
  constructor(
    private readonly users: UserRepository,
    private readonly audit: (event: AuditEvent) => void,
    /** The live session store (Redis or SQLite); the CLI has none running and relies on the SQLite rows. */
    private readonly sessions?: Pick<SessionStore, 'deleteForUser'>,
  ) {}

  list(): ListedUser[] {
    return this.users.list().map((u) => ({ ...u, tokens: this.users.tokenCount(u.name) }));
  }

  async add(ctx: UserAdminContext, name: string, role: Role, password?: string): Promise<{ user: UserRecord } & PasswordOutcome> {
    const pass = password ? { password, generated: false } : { password: generatePassword(), generated: true };
    const user = await this.users.add(name, role, pass.password);
    this.write(ctx, 'USER_CHANGED', { action: 'add', target: name, role: user.role });
    return { user, ...pass };
  }

  async remove(ctx: UserAdminContext, name: string): Promise<void> {
    this.users.remove(name);
    await this.sessions?.deleteForUser(name);
    this.write(ctx, 'USER_CHANGED', { action: 'remove', target: name });
  }

  /** Sets (or, without one, generates) a new password; the account is logged out everywhere. */
  async setPassword(ctx: UserAdminContext, name: string, password?: string): Promise<PasswordOutcome> {
    const pass = password ? { password, generated: false } : { password: generatePassword(), generated: true };
    await this.users.setPassword(name, pass.password);
    await this.sessions?.deleteForUser(name);
    this.write(ctx, 'USER_CHANGED', { action: 'passwd', target: name });
    return pass;
  }

  setRole(ctx: UserAdminContext, name: string, role: Role): void {
    this.users.setRole(name, role);
    this.write(ctx, 'USER_CHANGED', { action: 'role', target: name, role });
  }

  async setDisabled(ctx: UserAdminContext, name: string, disabled: boolean): Promise<void> {
    this.users.setDisabled(name, disabled);
    if (disabled) await this.sessions?.deleteForUser(name);
    this.write(ctx, 'USER_CHANGED', { action: disabled ? 'disable' : 'enable', target: name });
  }

  tokens(name: string): TokenRecord[] {
    return this.users.listTokens(name);
  }

  /** The plain token, to be shown once. */
  createToken(ctx: UserAdminContext, name: string, label: string): string {
    const token = this.users.createToken(name, label);
    this.write(ctx, 'TOKEN_CREATED', { target: name, label });
    return token;
  }

  revokeToken(ctx: UserAdminContext, name: string, id: string): void {
    this.users.revokeToken(name, id);
    this.write(ctx, 'TOKEN_REVOKED', { target: name, tokenId: id });
  }

  private write(ctx: UserAdminContext, type: AuditEvent['type'], details: Record<string, unknown>): void {
    this.audit({ type, user: ctx.actor, ip: ctx.ip ?? null, requestId: ctx.requestId ?? null, details: { ...details, via: ctx.via } });
  }
}
