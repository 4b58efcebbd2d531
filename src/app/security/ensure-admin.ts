/**
 * Makes the configured admin (GRADIO_AUTH_USER / GRADIO_AUTH_PASS) exist with exactly that
 * password and the admin role when auth is on. Config validation already refuses weak
 * passwords in production; this checks again at the point the account is written.
 */
import { isWeakPassword, type PropoConfig } from '../../core/config/index.ts';
import { PropoError } from '../../core/errors/index.ts';
import type { AuditEvent } from './audit-log.ts';
import type { UserRepository } from './user-repository.ts';

export async function ensureAdmin(config: PropoConfig, users: UserRepository, audit: (event: AuditEvent) => void): Promise<'created' | 'updated' | 'unchanged' | 'skipped'> {
  if (!config.auth.enabled) return 'skipped';
  const production = config.nodeEnv === 'production';
  if (!config.auth.pass || (production && isWeakPassword(config.auth.pass))) {
    throw new PropoError('PROPO_ERR_CONFIG_INVALID', production
      ? 'A default or empty admin password is refused in production. Set GRADIO_AUTH_PASS to a strong password (12+ characters, not a default).'
      : 'Auth is enabled but GRADIO_AUTH_PASS is empty. Set GRADIO_AUTH_PASS.');
  }
  const outcome = await users.upsert(config.auth.user, 'admin', config.auth.pass, { minLength: production ? 12 : 1 });
  if (outcome !== 'unchanged') audit({ type: 'USER_CHANGED', user: config.auth.user, details: { action: `admin-${outcome}`, source: 'config' } });
  return outcome;
}
