/**
 * Users and API tokens in SQLite. Passwords are stored as scrypt hashes, tokens as their
 * sha256 only: a token is shown once when created and cannot be recovered from the database.
 */
import { createHash, randomBytes } from 'node:crypto';
import { PropoError } from '../../core/errors/index.ts';
import { hashPassword, verifyPassword } from '../../core/security/index.ts';
import { applyMigrations, type Db } from '../../providers/stores/sqlite/open-database.ts';
import { SECURITY_MIGRATIONS } from './security-migrations.ts';

export type Role = 'admin' | 'user';
/** What handlers see as `request.user`. */
export interface RequestUserShape { name: string; role: Role }
export interface UserRecord { name: string; role: Role; createdAt: string; updatedAt: string }

const NAME = /^[A-Za-z0-9_.@-]{1,64}$/;
/** A hash of a throwaway password, compared against when the user does not exist (same timing). */
const DUMMY_HASH = hashPassword('propo-timing-equaliser');

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function assertUserName(name: string): void {
  if (!NAME.test(name)) throw new PropoError('PROPO_ERR_VALIDATION', `Invalid user name "${name.slice(0, 64)}". Use 1-64 letters, digits, _ . @ or -.`);
}

export function assertRole(role: string): asserts role is Role {
  if (role !== 'admin' && role !== 'user') throw new PropoError('PROPO_ERR_VALIDATION', `Invalid role "${role.slice(0, 20)}". Use admin or user.`);
}

export function assertPassword(password: string, minLength = 8): void {
  if (password.length < Math.max(1, minLength) || password.length > 1024) throw new PropoError('PROPO_ERR_VALIDATION', `A password must have ${Math.max(1, minLength)} to 1024 characters.`);
}

export interface PasswordPolicy { minLength?: number }

export class UserRepository {
  constructor(private readonly db: Db) {
    applyMigrations(db, 'security', SECURITY_MIGRATIONS);
  }

  list(): UserRecord[] {
    return this.db.prepare('SELECT name, role, created_at AS createdAt, updated_at AS updatedAt FROM users ORDER BY name').all() as UserRecord[];
  }

  find(name: string): UserRecord | null {
    return (this.db.prepare('SELECT name, role, created_at AS createdAt, updated_at AS updatedAt FROM users WHERE name = ?').get(name) as UserRecord | undefined) ?? null;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  async add(name: string, role: Role, password: string, options: PasswordPolicy = {}): Promise<UserRecord> {
    assertUserName(name);
    assertRole(role);
    assertPassword(password, options.minLength);
    if (this.find(name)) throw new PropoError('PROPO_ERR_CONFLICT', `User ${name} already exists. Use \`users passwd\` to change the password.`);
    const hash = await hashPassword(password);
    const now = new Date().toISOString();
    this.db.prepare('INSERT INTO users (name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(name, role, hash, now, now);
    return this.find(name) as UserRecord;
  }

  /** Creates or updates a user so that it has exactly this role and password. */
  async upsert(name: string, role: Role, password: string, options: PasswordPolicy = {}): Promise<'created' | 'updated' | 'unchanged'> {
    const existing = this.find(name);
    if (!existing) {
      await this.add(name, role, password, options);
      return 'created';
    }
    const same = existing.role === role && (await this.verify(name, password)) !== null;
    if (same) return 'unchanged';
    await this.setPassword(name, password, options);
    this.db.prepare('UPDATE users SET role = ?, updated_at = ? WHERE name = ?').run(role, new Date().toISOString(), name);
    return 'updated';
  }

  async setPassword(name: string, password: string, options: PasswordPolicy = {}): Promise<void> {
    assertPassword(password, options.minLength);
    const hash = await hashPassword(password);
    const changed = this.db.prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE name = ?').run(hash, new Date().toISOString(), name).changes;
    if (changed === 0) throw new PropoError('PROPO_ERR_NOT_FOUND', `No user ${name}. Run \`bin/propo users list\`.`);
    this.db.prepare('DELETE FROM sessions WHERE user_name = ?').run(name);
  }

  remove(name: string): void {
    const changed = this.db.prepare('DELETE FROM users WHERE name = ?').run(name).changes;
    if (changed === 0) throw new PropoError('PROPO_ERR_NOT_FOUND', `No user ${name}. Run \`bin/propo users list\`.`);
  }

  /** The user when the password matches, else null. Takes the same time whether or not the user exists. */
  async verify(name: string, password: string): Promise<UserRecord | null> {
    const row = this.db.prepare('SELECT password_hash AS hash FROM users WHERE name = ?').get(name) as { hash: string } | undefined;
    const ok = await verifyPassword(password, row?.hash ?? (await DUMMY_HASH));
    return ok && row ? this.find(name) : null;
  }

  /** Creates an API token for a user; the plain token is returned once and never stored. */
  createToken(name: string, label = 'cli'): string {
    if (!this.find(name)) throw new PropoError('PROPO_ERR_NOT_FOUND', `No user ${name}. Run \`bin/propo users list\`.`);
    const token = `propo_${randomBytes(32).toString('base64url')}`;
    this.db.prepare('INSERT INTO api_tokens (sha256, user_name, label, created_at) VALUES (?, ?, ?, ?)').run(sha256(token), name, label.slice(0, 100), new Date().toISOString());
    return token;
  }

  /** The owner of a presented token, or null. */
  userForToken(token: string): UserRecord | null {
    if (!token.startsWith('propo_') || token.length > 200) return null;
    const row = this.db.prepare('SELECT user_name AS name FROM api_tokens WHERE sha256 = ?').get(sha256(token)) as { name: string } | undefined;
    if (!row) return null;
    this.db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE sha256 = ?').run(new Date().toISOString(), sha256(token));
    return this.find(row.name);
  }

  tokenCount(name: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM api_tokens WHERE user_name = ?').get(name) as { n: number }).n;
  }
}
