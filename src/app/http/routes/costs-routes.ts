/** Costs: the per-answer ledger, totals, per-day aggregates, OpenRouter credit and the monthly calculator. */
import type { FastifyInstance } from 'fastify';
import { MONTHLY_COST_DEFAULTS, monthlyCost, type MonthlyCostInput } from '../../../core/cost/monthly-cost.ts';
import { fetchOpenRouterCredits } from '../../../providers/llm/index.ts';
import type { PropoApp } from '../../compose.ts';

const calculatorProperties = Object.fromEntries(
  Object.entries(MONTHLY_COST_DEFAULTS).map(([key, value]) => [key, { type: 'number', minimum: 0, default: value }]),
);

export async function costsRoutes(server: FastifyInstance, options: { app: PropoApp }): Promise<void> {
  const { app } = options;

  server.get<{ Querystring: { limit?: number; offset?: number } }>('/api/costs/ledger', {
    schema: {
      tags: ['costs'], summary: 'One row per answer: tokens, cost, model and latency by stage, newest first.',
      querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 }, offset: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 } } },
    },
  }, async (request) => ({ entries: app.ledger.list(request.query.limit ?? 100, request.query.offset ?? 0) }));

  server.get('/api/costs/totals', { schema: { tags: ['costs'], summary: 'Totals overall and today, with the daily budget.' } }, async () => {
    const midnight = `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`;
    return { all: app.ledger.totals(), today: app.ledger.totals(midnight), dailyBudgetUsd: app.config.limits.dailyBudgetUsd };
  });

  server.get<{ Querystring: { days?: number } }>('/api/costs/daily', {
    schema: {
      tags: ['costs'], summary: 'Tokens and cost per UTC day.',
      querystring: { type: 'object', properties: { days: { type: 'integer', minimum: 1, maximum: 366, default: 30 } } },
    },
  }, async (request) => ({ days: app.ledger.daily(request.query.days ?? 30) }));

  server.get('/api/costs/credits', { schema: { tags: ['costs'], summary: 'Remaining OpenRouter credit when an OpenRouter key is configured; else { available: false }.' } }, async () => {
    const { llm } = app.config;
    if (llm.provider !== 'openrouter' || !llm.apiKey) return { available: false, reason: 'No OpenRouter key is configured.' };
    try {
      const credits = await fetchOpenRouterCredits({ apiKey: llm.apiKey, baseUrl: llm.baseUrl, timeoutMs: 5000 });
      return { available: true, ...credits };
    } catch (error) {
      return { available: false, reason: error instanceof Error ? error.message : 'OpenRouter did not answer.' };
    }
  });

  server.get('/api/costs/calculator', { schema: { tags: ['costs'], summary: 'The monthly calculator with its defaults.' } }, async () => monthlyCost());

  server.post<{ Body: Partial<MonthlyCostInput> }>('/api/costs/calculator', {
    schema: {
      tags: ['costs'],
      summary: 'Monthly cost: queries × (prompt + completion tokens) / 1000 × price per 1k tokens + base fixed cost.',
      body: { type: 'object', additionalProperties: false, properties: calculatorProperties },
    },
  }, async (request) => monthlyCost(request.body ?? {}));
}
