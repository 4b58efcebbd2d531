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
export interface UserRecord { name: string; role: Role; createdAt: string; updatedAt: string; disabled: boolean }
/** An API token as listed: its id is the first 12 hex digits of its sha256 (never the token itself). */
export interface TokenRecord { id: string; label: string; createdAt: string; lastUsedAt: string | null }

const USER_COLUMNS = 'name, role, created_at AS createdAt, updated_at AS updatedAt, disabled_at IS NOT NULL AS disabled';
type UserRow = Omit<UserRecord, 'disabled'> & { disabled: number };
const toRecord = (row: UserRow): UserRecord => ({ ...row, disabled: row.disabled === 1 });

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
    return (this.db.prepare(`SELECT ${USER_COLUMNS} FROM users ORDER BY name`).all() as UserRow[]).map(toRecord);
  }

  find(name: string): UserRecord | null {
    const row = this.db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE name = ?`).get(name) as UserRow | undefined;
    return row ? toRecord(row) : null;
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
    if (this.find(name)?.role === 'admin') this.assertAnotherAdmin(name, 'remove');
    const changed = this.db.prepare('DELETE FROM users WHERE name = ?').run(name).changes;
    if (changed === 0) throw new PropoError('PROPO_ERR_NOT_FOUND', `No user ${name}. Run \`bin/propo users list\`.`);
  }

  /** Changes an account's role; refuses to leave no enabled admin. */
  setRole(name: string, role: Role): void {
    assertRole(role);
    const user = this.require(name);
    if (user.role === 'admin' && role !== 'admin') this.assertAnotherAdmin(name, 'take the admin role from');
    this.db.prepare('UPDATE users SET role = ?, updated_at = ? WHERE name = ?').run(role, new Date().toISOString(), name);
  }

  /** Disables (logins, sessions and tokens stop working; sessions are deleted) or re-enables an account. */
  setDisabled(name: string, disabled: boolean): void {
    const user = this.require(name);
    if (disabled && user.role === 'admin') this.assertAnotherAdmin(name, 'disable');
    const now = new Date().toISOString();
    this.db.prepare('UPDATE users SET disabled_at = ?, updated_at = ? WHERE name = ?').run(disabled ? now : null, now, name);
    if (disabled) this.db.prepare('DELETE FROM sessions WHERE user_name = ?').run(name);
  }

  /** The user when the password matches and the account is enabled, else null. Takes the same time whether or not the user exists. */
  async verify(name: string, password: string): Promise<UserRecord | null> {
    const row = this.db.prepare('SELECT password_hash AS hash FROM users WHERE name = ?').get(name) as { hash: string } | undefined;
    const ok = await verifyPassword(password, row?.hash ?? (await DUMMY_HASH));
    const user = ok && row ? this.find(name) : null;
    return user && !user.disabled ? user : null;
  }

  private require(name: string): UserRecord {
    const user = this.find(name);
    if (!user) throw new PropoError('PROPO_ERR_NOT_FOUND', `No user ${name.slice(0, 64)}. Run \`bin/propo users list\`.`);
    return user;
  }

  private assertAnotherAdmin(name: string, what: string): void {
    const others = (this.db.prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL AND name <> ?").get(name) as { n: number }).n;
    if (others === 0) throw new PropoError('PROPO_ERR_CONFLICT', `Cannot ${what} ${name}: it is the last enabled admin. Make another account admin first.`);
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
    const user = this.find(row.name);
    if (!user || user.disabled) return null;
    this.db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE sha256 = ?').run(new Date().toISOString(), sha256(token));
    return user;
  }

  listTokens(name: string): TokenRecord[] {
    this.require(name);
    return this.db.prepare('SELECT substr(sha256, 1, 12) AS id, label, created_at AS createdAt, last_used_at AS lastUsedAt FROM api_tokens WHERE user_name = ? ORDER BY created_at, sha256').all(name) as TokenRecord[];
  }

  /** Revokes one of the user's tokens by the id `listTokens` shows. */
  revokeToken(name: string, id: string): void {
    this.require(name);
    if (!/^[0-9a-f]{12}$/.test(id)) throw new PropoError('PROPO_ERR_VALIDATION', `Invalid token id "${id.slice(0, 20)}". Use the 12-character id from \`bin/propo users tokens ${name.slice(0, 64)}\`.`);
    const changed = this.db.prepare('DELETE FROM api_tokens WHERE user_name = ? AND substr(sha256, 1, 12) = ?').run(name, id).changes;
    if (changed === 0) throw new PropoError('PROPO_ERR_NOT_FOUND', `User ${name.slice(0, 64)} has no token ${id}. Run \`bin/propo users tokens ${name.slice(0, 64)}\`.`);
  }

  tokenCount(name: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM api_tokens WHERE user_name = ?').get(name) as { n: number }).n;
  }
}
