/**
 * onRequest hook (after the auth hook) for routes with `config.rateLimit`:
 *  - requests per window per user and per IP (limits.chatPerMinute / uploadPerMinute / loginPerMinute)
 *    → 429 PROPO_ERR_RATE_LIMITED with `Retry-After` = seconds until the window frees;
 *  - for 'chat': the daily LLM budget (→ 402 PROPO_ERR_BUDGET_EXCEEDED) and at most
 *    limits.maxConcurrentStreams open responses per user (released when the response closes).
 *    Those two are checked before the rate limit, so a refused request does not use up a hit.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PropoConfig } from '../../core/config/index.ts';
import type { RateLimitDecision, RateLimiter } from '../../core/security/index.ts';
import type { AuditEvent } from './audit-log.ts';
import { sendSecurityError } from './send-security-error.ts';

export type LimitedRoute = 'chat' | 'upload' | 'login';

export interface LimitsHookDeps {
  config: PropoConfig;
  limiter: RateLimiter;
  audit: (event: AuditEvent) => void;
  windowMs: number;
  /** Spend today in USD, or null when no LLM is configured (no budget applies). */
  spentToday: () => number | null;
}

export function limitFor(config: PropoConfig, route: LimitedRoute): number {
  if (route === 'chat') return config.limits.chatPerMinute;
  if (route === 'upload') return config.limits.uploadPerMinute;
  return config.limits.loginPerMinute;
}

export function createLimitsHook(deps: LimitsHookDeps) {
  const streams = new Map<string, number>();
  const release = (key: string) => {
    const open = (streams.get(key) ?? 1) - 1;
    if (open <= 0) streams.delete(key);
    else streams.set(key, open);
  };

  /** 402 or 429 for chat when the budget is spent or every stream slot is taken; these refusals use no rate-limit hit. */
  const refuseChat = (request: FastifyRequest, reply: FastifyReply, user: string | null, streamKey: string): FastifyReply | null => {
    const spent = deps.spentToday();
    if (spent !== null && spent >= deps.config.limits.dailyBudgetUsd) {
      return sendSecurityError(reply, 'PROPO_ERR_BUDGET_EXCEEDED', `Today's LLM budget of $${deps.config.limits.dailyBudgetUsd.toFixed(2)} is used up ($${spent.toFixed(4)} spent). It resets at 00:00 UTC; an admin can raise DAILY_BUDGET_USD.`);
    }
    if ((streams.get(streamKey) ?? 0) >= deps.config.limits.maxConcurrentStreams) {
      deps.audit({ type: 'RATE_LIMIT', user, ip: request.ip, requestId: request.id, details: { route: 'chat-streams', limit: deps.config.limits.maxConcurrentStreams } });
      return sendSecurityError(reply, 'PROPO_ERR_RATE_LIMITED', `At most ${deps.config.limits.maxConcurrentStreams} answers may stream at once. Wait for one to finish.`, 1000);
    }
    return null;
  };

  const hook = async function limitsHook(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const route = request.routeOptions.config.rateLimit;
    if (!route) return undefined;
    const user = request.user?.name ?? null;
    const streamKey = user ?? `ip:${request.ip}`;
    // Issue 14 item 8: refusals that do not depend on the rate (budget, stream slots) come first and
    // cost no hit; the slot is taken before the hit is awaited, and given back if the rate refuses.
    let releaseSlot = () => undefined as void;
    if (route === 'chat') {
      const early = refuseChat(request, reply, user, streamKey);
      if (early) return early;
      streams.set(streamKey, (streams.get(streamKey) ?? 0) + 1);
      let released = false;
      releaseSlot = () => {
        if (!released) { released = true; release(streamKey); }
      };
      reply.raw.once('close', releaseSlot);
      reply.raw.once('finish', releaseSlot);
    }
    const keys = [`${route}:ip:${request.ip}`, ...(user ? [`${route}:user:${user}`] : [])];
    const limit = limitFor(deps.config, route);
    let refused: RateLimitDecision | null = null;
    for (const key of keys) {
      const decision = await deps.limiter.hit(key, limit, deps.windowMs);
      if (!decision.allowed && (!refused || decision.retryAfterMs > refused.retryAfterMs)) refused = decision;
    }
    if (refused) {
      releaseSlot();
      deps.audit({ type: 'RATE_LIMIT', user, ip: request.ip, requestId: request.id, details: { route, limit, windowMs: deps.windowMs, retryAfterMs: refused.retryAfterMs, backend: deps.limiter.backend } });
      return sendSecurityError(reply, 'PROPO_ERR_RATE_LIMITED', `Too many ${route} requests (limit ${limit} per ${Math.round(deps.windowMs / 1000)} s). Retry after the time in Retry-After.`, refused.retryAfterMs);
    }
    return undefined;
  };
  return { hook, openStreams: (key: string) => streams.get(key) ?? 0 };
}
