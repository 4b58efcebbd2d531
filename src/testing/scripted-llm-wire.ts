/**
 * Builders for the OpenAI / OpenRouter chat completion wire objects that the scripted LLM server
 * sends: `chat.completion.chunk` (streaming), `chat.completion` (non-streaming) and the usage block.
 */

/** Usage fields a script may override; `cost` is OpenRouter's usage accounting in USD (credits). */
export interface PlanUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  cost?: number;
}

export interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  cost?: number;
}

export function usageBlock(overrides: PlanUsage | undefined, promptTokens: number, completionTokens: number): WireUsage {
  const prompt = overrides?.prompt_tokens ?? promptTokens;
  const completion = overrides?.completion_tokens ?? completionTokens;
  const usage: WireUsage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  if (overrides?.cost !== undefined) usage.cost = overrides.cost;
  return usage;
}

export function chunk(id: string, model: string, delta: Record<string, unknown>, finishReason: string | null): Record<string, unknown> {
  return {
    id,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}

export function chatCompletion(model: string, content: string, finishReason: string, usage: WireUsage | undefined): Record<string, unknown> {
  const completion: Record<string, unknown> = {
    id: `gen-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason }],
  };
  if (usage) completion.usage = usage;
  return completion;
}
