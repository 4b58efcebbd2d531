/**
 * OpenRouter as a preset of the OpenAI-compatible provider: attribution headers (HTTP-Referer,
 * X-Title) and usage accounting in the body, so the final usage chunk carries `usage.cost` (USD).
 * OpenRouter now always includes usage; `usage: { include: true }` is kept for older deployments.
 */
import type { LlmProvider } from '../../../core/ports/index.ts';
import { createOpenAiCompatibleLlm, type OpenAiCompatibleLlmOptions } from '../openai-compatible/index.ts';

export const OPENROUTER_BASE_URL = 'https://openrouter.ai/api/v1';

export interface OpenRouterLlmOptions extends Omit<OpenAiCompatibleLlmOptions, 'baseUrl' | 'model' | 'apiKey' | 'name'> {
  apiKey: string;
  /** Default `openrouter/auto` (OpenRouter picks; the usage event reports the model it chose). */
  model?: string;
  /** Your site URL, sent as HTTP-Referer for OpenRouter's app attribution. */
  referer?: string | undefined;
  /** Your app name, sent as X-Title. */
  title?: string | undefined;
  baseUrl?: string | undefined;
  name?: string;
}

/** Header values must be Latin-1; anything else is percent-encoded rather than crashing fetch. */
function headerSafe(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
}

export function createOpenRouterLlm(options: OpenRouterLlmOptions): LlmProvider {
  const { referer, title, baseUrl, model, name, ...rest } = options;
  const headers: Record<string, string> = { ...options.headers };
  if (referer) headers['HTTP-Referer'] = headerSafe(referer);
  if (title) headers['X-Title'] = headerSafe(title);
  return createOpenAiCompatibleLlm({
    ...rest,
    name: name ?? 'openrouter',
    baseUrl: baseUrl ?? OPENROUTER_BASE_URL,
    model: model ?? 'openrouter/auto',
    headers,
    extraBody: { usage: { include: true }, ...options.extraBody },
  });
}
