/**
 * Issue 14 item 2: with auth off, serving on a non-loopback address hands the documents and the
 * LLM credit to anyone on the network. Refuse to start unless ALLOW_INSECURE_BIND=true says the
 * exposure is decided elsewhere (a container, where the published port decides).
 */
import type { PropoConfig } from '../../core/config/index.ts';
import { PropoError } from '../../core/errors/index.ts';

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare) || bare === '::ffff:127.0.0.1';
}

export function assertSafeBind(config: PropoConfig): void {
  const { host, allowInsecureBind } = config.server;
  if (config.auth.enabled || allowInsecureBind || isLoopbackHost(host)) return;
  throw new PropoError('PROPO_ERR_CONFIG_INVALID', `Refusing to serve on ${host} with authentication off: anyone on the network could read your documents. Set GRADIO_AUTH_ENABLED=true (with GRADIO_AUTH_PASS), use HOST=127.0.0.1, or set ALLOW_INSECURE_BIND=true if something else (a container's published port, a firewall) decides who can connect.`);
}
