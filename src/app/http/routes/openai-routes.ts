/**
 * OpenAI-compatible API: `GET /v1/models` and `POST /v1/chat/completions` (streaming and not).
 * Answers carry citation markers in the text and the resolved spans in an extra `citations`
 * field (on the response, or on the final chunk when streaming), and each sentence's support in
 * `propo.sentences`. Streamed deltas only carry sentences with a verified citation until the answer
 * ends. Bearer tokens are checked by the security layer.
 */
import type { FastifyInstance } from 'fastify';
import type { AnswerResult } from '../../../core/answer/answer-types.ts';
import { toPropoError } from '../../../core/errors/index.ts';
import type { PropoApp } from '../../compose.ts';
import { checkQuestion } from '../chat/check-question.ts';
import { toQuestion, type OpenAiChatBody } from '../openai/openai-request.ts';
import { openSseStream } from '../sse-stream.ts';

export const PROPO_MODEL_ID = 'propo';

function usageOf(result: AnswerResult) {
  const { promptTokens, completionTokens } = result.usage;
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens, cost_usd: result.usage.costUsd };
}

/** Extension field: each sentence of the answer with its citations and support (issue 12.6). */
function supportOf(result: AnswerResult) {
  return { sentences: result.sentences, ...(result.support ? { support: result.support } : {}) };
}

export async function openAiRoutes(server: FastifyInstance, options: { app: PropoApp }): Promise<void> {
  const { app } = options;
  const created = Math.floor(app.startedAt.getTime() / 1000);
  const modelIds = [PROPO_MODEL_ID, ...(app.llm && app.llm.model !== PROPO_MODEL_ID ? [app.llm.model] : [])];

  server.get('/v1/models', { schema: { tags: ['openai'], summary: 'Models: "propo" (and the configured LLM model, answering the same way).' } }, async () => ({
    object: 'list',
    data: modelIds.map((id) => ({ id, object: 'model', created, owned_by: 'propo' })),
  }));

  server.post<{ Body: OpenAiChatBody }>('/v1/chat/completions', {
    config: { rateLimit: 'chat' },
    schema: {
      tags: ['openai'],
      summary: 'OpenAI-compatible chat completion answered from your documents (stream: true for SSE chunks).',
      body: {
        type: 'object',
        required: ['messages'],
        properties: {
          model: { type: 'string' },
          stream: { type: 'boolean' },
          stream_options: { type: 'object', properties: { include_usage: { type: 'boolean' } } },
          // Capped as /api/chat's documentIds (issue 14 item 9: 200k ids cost 50 s of CPU).
          document_ids: { type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 1000 },
          collection: { type: 'string', maxLength: 200 },
          messages: {
            type: 'array', minItems: 1, maxItems: 200,
            items: { type: 'object', required: ['role'], properties: { role: { type: 'string' }, content: { anyOf: [{ type: 'string' }, { type: 'array' }, { type: 'null' }] } } },
          },
        },
      },
    },
  }, async (request, reply) => {
    const { question: raw, history } = toQuestion(request.body);
    const question = checkQuestion(raw, app.config.limits.maxQuestionChars);
    const model = request.body.model || PROPO_MODEL_ID;
    const askOptions = {
      history,
      ...(request.user ? { user: request.user.name } : {}),
      ...(request.body.document_ids ? { documentIds: request.body.document_ids } : {}),
      ...(request.body.collection ? { collection: request.body.collection } : {}),
    };
    if (request.body.collection) app.collections.get(request.body.collection);

    if (!request.body.stream) {
      const controller = new AbortController();
      reply.raw.on('close', () => { if (!reply.raw.writableFinished) controller.abort(); });
      const result = await app.ask(question, { ...askOptions, signal: controller.signal });
      return {
        id: `chatcmpl-${result.id}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model,
        choices: [{ index: 0, message: { role: 'assistant', content: result.answer }, finish_reason: 'stop', logprobs: null }],
        usage: usageOf(result), citations: result.citations, propo: { mode: result.mode, timings: result.timings, ...supportOf(result) },
      };
    }

    const stream = openSseStream(reply);
    let id = 'chatcmpl-propo';
    const now = Math.floor(Date.now() / 1000);
    const chunk = (delta: Record<string, unknown>, finishReason: string | null, extra: Record<string, unknown> = {}) =>
      stream.send(null, { id, object: 'chat.completion.chunk', created: now, model, choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }], ...extra });
    try {
      const result = await app.ask(question, {
        ...askOptions,
        signal: stream.signal,
        onEvent: (event) => {
          if (event.type === 'answer-start') { id = `chatcmpl-${event.id}`; chunk({ role: 'assistant', content: '' }, null); }
          else if (event.type === 'answer-delta') chunk({ content: event.text }, null);
        },
      });
      chunk({}, 'stop', { citations: result.citations, propo: { mode: result.mode, ...supportOf(result) } });
      stream.send(null, { id, object: 'chat.completion.chunk', created: now, model, choices: [], usage: usageOf(result) });
    } catch (error) {
      const typed = toPropoError(error);
      const message = typed.code === 'PROPO_ERR_INTERNAL' ? `Internal error. Quote request id ${request.id} when reporting it.` : typed.message;
      stream.send(null, { error: { code: typed.code, message, type: 'propo_error' } });
    } finally {
      stream.send(null, '[DONE]');
      stream.end();
    }
    return reply;
  });
}
