/** `GET /api/config`: the effective configuration (secrets redacted) and the providers in use. */
import type { FastifyInstance } from 'fastify';
import { redactConfig } from '../../../core/config/index.ts';
import type { PropoApp } from '../../compose.ts';
import { APP_VERSION } from '../app-version.ts';

export function providersInUse(app: PropoApp) {
  const { moe } = app.config;
  return {
    embedder: { name: app.embedder.name, dimensions: app.embedder.dimensions, source: app.embedderStatus.source, ...(app.embedderStatus.notice ? { notice: app.embedderStatus.notice } : {}) },
    llm: app.llm ? { name: app.llm.name, model: app.llm.model } : null,
    vectorStore: { name: app.vectors.name },
    propositionizer: app.config.propositionizer,
    answerMode: app.llm ? 'llm' : 'extractive',
    moe: { enabled: moe.enabled, router: moe.router.enabled, gate: moe.gate.enabled, reranker: moe.reranker.enabled, stage2Llm: moe.reranker.stage2_llm },
  };
}

export async function configRoutes(server: FastifyInstance, options: { app: PropoApp }): Promise<void> {
  const { app } = options;
  server.get('/api/config', {
    config: { role: 'admin' },
    schema: { tags: ['config'], summary: 'Effective configuration with every secret redacted, and the providers in use.' },
  }, async () => ({ version: APP_VERSION, config: redactConfig(app.config), providers: providersInUse(app) }));
}
