/** The Pinecone check of `/health?detailed=true`: one describe-index round trip, timed. */
import type { PineconeStore } from './pinecone-store.ts';

export interface PineconeCheck {
  status: 'healthy' | 'unhealthy';
  latencyMs: number;
  /** Index state (e.g. `index "propo": Ready, 1024 dims, dotproduct`) or what failed. */
  detail: string;
}

/** Describes the index and reports healthy when it exists, is Ready and the store is open. */
export async function checkPinecone(store: Pick<PineconeStore, 'health'>): Promise<PineconeCheck> {
  const started = performance.now();
  const health = await store.health();
  return {
    status: health.ok ? 'healthy' : 'unhealthy',
    latencyMs: Math.round((performance.now() - started) * 10) / 10,
    detail: health.detail ?? (health.ok ? 'ok' : 'unavailable'),
  };
}
