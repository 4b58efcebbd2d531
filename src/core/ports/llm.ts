/** Provider spec for chat LLMs (OpenAI-compatible wire format underneath). */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LlmUsage {
  promptTokens: number;
  completionTokens: number;
  /** Provider-reported cost in USD when the provider returns it (OpenRouter does). */
  costUsd?: number;
  estimated: boolean;
}

export type LlmEvent =
  | { type: 'answer-delta'; text: string }
  | { type: 'usage'; usage: LlmUsage; model?: string };

export interface LlmRequest {
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  responseFormat?: 'json' | 'text';
  signal?: AbortSignal;
}

export interface LlmProvider {
  readonly name: string;
  readonly model: string;
  readonly maxContextTokens: number;
  /** Streams deltas, then one usage event. Errors are PropoErrors (rate limit, auth, unavailable...). */
  stream(request: LlmRequest): AsyncIterable<LlmEvent>;
  /** Reachability check for /health (no tokens spent). */
  ping?(signal?: AbortSignal): Promise<boolean>;
}
