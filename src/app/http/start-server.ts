/** Placeholder until the HTTP layer lands: starts the servers for `bin/propo serve`. */
import type { PropoApp } from '../compose.ts';

export async function startServer(app: PropoApp): Promise<void> {
  app.logger.info('server not built yet');
  return Promise.resolve();
}
