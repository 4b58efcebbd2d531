/** Builds the JSON body of a streaming `POST /chat/completions` request. */
import type { LlmRequest } from '../../../core/ports/index.ts';

export interface ChatBodyDefaults {
  model: string;
  temperature?: number | undefined;
  maxTokens?: number | undefined;
  /** Provider-specific fields merged in last (e.g. OpenRouter's `usage: { include: true }`). */
  extraBody?: Record<string, unknown> | undefined;
}

export function chatRequestBody(request: LlmRequest, defaults: ChatBodyDefaults): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: defaults.model,
    messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
    stream: true,
    // Without this OpenAI (and servers that copy it) send no usage block in a stream.
    stream_options: { include_usage: true },
  };
  const temperature = request.temperature ?? defaults.temperature;
  if (temperature !== undefined) body.temperature = temperature;
  const maxTokens = request.maxTokens ?? defaults.maxTokens;
  if (maxTokens !== undefined) body.max_tokens = maxTokens;
  if (request.responseFormat === 'json') body.response_format = { type: 'json_object' };
  return { ...body, ...defaults.extraBody };
}
