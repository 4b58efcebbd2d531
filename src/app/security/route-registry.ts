/**
 * Records every route registered after registerSecurity (onRoute is inherited by child plugins),
 * so tests and the security audit can prove each one is either public or guarded.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';

export interface RegisteredRoute { method: string; url: string; config: { role?: string; rateLimit?: string; public?: boolean } }

const registries = new WeakMap<FastifyInstance, RouteOptions[]>();

export function trackRoutes(server: FastifyInstance): void {
  const routes: RouteOptions[] = [];
  registries.set(server, routes);
  server.addHook('onRoute', (route) => { routes.push(route); });
}

/** Every (method, url) registered on the server, with the route config as it is now. */
export function registeredRoutes(server: FastifyInstance): RegisteredRoute[] {
  return (registries.get(server) ?? []).flatMap((route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const config = (route.config ?? {}) as RegisteredRoute['config'];
    return methods.map((method) => ({ method: String(method), url: route.url, config }));
  });
}
