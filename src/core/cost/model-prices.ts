/**
 * List prices of common chat models in USD per 1 000 tokens, and their context windows.
 * Used only when a provider does not report cost (OpenRouter does, in `usage.cost`).
 * Prices are the providers' published list prices as of 2025 and drift; unknown models
 * (`openrouter/auto`, local Ollama/llama.cpp models) return null and costs are flagged unknown.
 */
export interface ModelPrice {
  promptPer1k: number;
  completionPer1k: number;
}

interface ModelEntry extends ModelPrice {
  contextTokens: number;
}

// Per-million prices / 1000, keyed by OpenRouter's `vendor/model` ids.
const TABLE: Record<string, ModelEntry> = {
  'openai/gpt-4o': { promptPer1k: 0.0025, completionPer1k: 0.01, contextTokens: 128_000 },
  'openai/gpt-4o-mini': { promptPer1k: 0.00015, completionPer1k: 0.0006, contextTokens: 128_000 },
  'openai/gpt-4.1': { promptPer1k: 0.002, completionPer1k: 0.008, contextTokens: 1_047_576 },
  'openai/gpt-4.1-mini': { promptPer1k: 0.0004, completionPer1k: 0.0016, contextTokens: 1_047_576 },
  'openai/gpt-4.1-nano': { promptPer1k: 0.0001, completionPer1k: 0.0004, contextTokens: 1_047_576 },
  'openai/gpt-3.5-turbo': { promptPer1k: 0.0005, completionPer1k: 0.0015, contextTokens: 16_385 },
  'anthropic/claude-3.5-sonnet': { promptPer1k: 0.003, completionPer1k: 0.015, contextTokens: 200_000 },
  'anthropic/claude-3.7-sonnet': { promptPer1k: 0.003, completionPer1k: 0.015, contextTokens: 200_000 },
  'anthropic/claude-sonnet-4': { promptPer1k: 0.003, completionPer1k: 0.015, contextTokens: 200_000 },
  'anthropic/claude-3.5-haiku': { promptPer1k: 0.0008, completionPer1k: 0.004, contextTokens: 200_000 },
  'anthropic/claude-3-haiku': { promptPer1k: 0.00025, completionPer1k: 0.00125, contextTokens: 200_000 },
  'google/gemini-2.0-flash-001': { promptPer1k: 0.0001, completionPer1k: 0.0004, contextTokens: 1_048_576 },
  'google/gemini-2.5-flash': { promptPer1k: 0.0003, completionPer1k: 0.0025, contextTokens: 1_048_576 },
  'google/gemini-2.5-pro': { promptPer1k: 0.00125, completionPer1k: 0.01, contextTokens: 1_048_576 },
  'meta-llama/llama-3.1-8b-instruct': { promptPer1k: 0.00002, completionPer1k: 0.00003, contextTokens: 131_072 },
  'meta-llama/llama-3.1-70b-instruct': { promptPer1k: 0.0001, completionPer1k: 0.00028, contextTokens: 131_072 },
  'meta-llama/llama-3.3-70b-instruct': { promptPer1k: 0.0001, completionPer1k: 0.00025, contextTokens: 131_072 },
  'mistralai/mistral-7b-instruct': { promptPer1k: 0.000028, completionPer1k: 0.000054, contextTokens: 32_768 },
  'mistralai/mistral-small': { promptPer1k: 0.0002, completionPer1k: 0.0006, contextTokens: 32_768 },
  'deepseek/deepseek-chat': { promptPer1k: 0.00027, completionPer1k: 0.0011, contextTokens: 64_000 },
};

function lookup(model: string): ModelEntry | null {
  const id = model.trim().toLowerCase();
  const direct = TABLE[id];
  if (direct) return direct;
  // A bare id (`gpt-4o-mini`, as OpenAI itself names it) matches the vendor-prefixed entry.
  for (const [key, entry] of Object.entries(TABLE)) {
    if (key.slice(key.indexOf('/') + 1) === id) return entry;
  }
  return null;
}

/** Price per 1 000 tokens, `{0, 0}` for OpenRouter `:free` variants, null when unknown. */
export function priceFor(model: string): ModelPrice | null {
  if (model.endsWith(':free')) return { promptPer1k: 0, completionPer1k: 0 };
  const entry = lookup(model.replace(/:[a-z-]+$/, ''));
  return entry ? { promptPer1k: entry.promptPer1k, completionPer1k: entry.completionPer1k } : null;
}

/** Context window of a known model, or null. */
export function contextTokensFor(model: string): number | null {
  return lookup(model.replace(/:[a-z-]+$/, ''))?.contextTokens ?? null;
}
