/**
 * `POST /api/chat`: answers a question as an SSE stream (`answer-start`, `answer-delta`,
 * `answer-end`, or `error`) and appends both turns to the chat session. A client that
 * disconnects aborts the answer (and the LLM call) through the request's AbortSignal.
 */
import type { FastifyInstance } from 'fastify';
import type { AnswerResult } from '../../../core/answer/answer-types.ts';
import { PropoError, toPropoError } from '../../../core/errors/index.ts';
import type { PropoApp } from '../../compose.ts';
import { checkQuestion } from '../chat/check-question.ts';
import { findSession } from '../chat/find-session.ts';
import { sessionHistory, titleFromQuestion } from '../chat/session-history.ts';
import { openSseStream } from '../sse-stream.ts';

interface ChatBody { question: string; sessionId?: string; replaceFrom?: string; k?: number; documentIds?: string[]; collection?: string }

/** What is stored with an assistant message and sent in `answer-end`. */
export function answerPayload(result: AnswerResult) {
  return {
    id: result.id, answer: result.answer, mode: result.mode, citations: result.citations, usage: result.usage, timings: result.timings, rejectedCitations: result.rejectedCitations,
    sentences: result.sentences, ...(result.support ? { support: result.support } : {}),
  };
}

export async function chatRoutes(server: FastifyInstance, options: { app: PropoApp }): Promise<void> {
  const { app } = options;
  server.post<{ Body: ChatBody }>('/api/chat', {
    config: { rateLimit: 'chat' },
    schema: {
      tags: ['chat'],
      summary: 'Ask a question; the answer streams as Server-Sent Events.',
      description: 'Events: `answer-start` {id, sessionId, questionId (the stored question, for replaceFrom), searchedQuestion}, `answer-delta` {text}, `answer-end` {answer, mode, citations, usage, timings, sentences (LLM answers: text, start, end, citations, supported, support 0..1), support}. Deltas only ever carry sentences with a verified citation until the answer ends., `error` {code, message}.',
      body: {
        type: 'object',
        required: ['question'],
        additionalProperties: false,
        properties: {
          question: { type: 'string' },
          sessionId: { type: 'string', maxLength: 100 },
          replaceFrom: { type: 'string', maxLength: 100, description: 'Edit and resend: the id of a question in this session (sessionId required); it and every later message are replaced by this question and its answer.' },
          k: { type: 'integer', minimum: 1, maximum: 100 },
          documentIds: { type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 1000 },
          collection: { type: 'string', maxLength: 200, description: 'Collection id or name: retrieval is limited to its documents (and to documentIds among them, if given).' },
        },
      },
    },
  }, async (request, reply) => {
    const question = checkQuestion(request.body.question, app.config.limits.maxQuestionChars);
    // An unknown collection is a 404 before anything is stored or streamed.
    if (request.body.collection) app.collections.get(request.body.collection);
    const user = request.user;
    const { replaceFrom } = request.body;
    if (replaceFrom && !request.body.sessionId) throw new PropoError('PROPO_ERR_VALIDATION', 'replaceFrom needs the sessionId of the chat the question belongs to.');
    let session = request.body.sessionId
      ? findSession(app.chats, request.body.sessionId, user)
      : app.chats.create(titleFromQuestion(question), user?.name ?? null);
    if (replaceFrom) {
      // Checked before anything is removed: an unknown id changes nothing.
      if (!app.chats.truncateFrom(session.id, replaceFrom)) throw new PropoError('PROPO_ERR_NOT_FOUND', 'That question is not in this chat (it may have been replaced already). Reload the chat and edit it again.');
      session = findSession(app.chats, session.id, user);
    }
    const history = sessionHistory(session);
    const asked = app.chats.append(session.id, 'user', question);

    const stream = openSseStream(reply);
    app.metrics.activeChatSessions.inc();
    try {
      const result = await app.ask(question, {
        history,
        sessionId: session.id,
        signal: stream.signal,
        ...(user ? { user: user.name } : {}),
        ...(request.body.k ? { k: request.body.k } : {}),
        ...(request.body.documentIds ? { documentIds: request.body.documentIds } : {}),
        ...(request.body.collection ? { collection: request.body.collection } : {}),
        onEvent: (event) => {
          if (event.type === 'answer-start') stream.send('answer-start', { id: event.id, sessionId: session.id, questionId: asked.id, searchedQuestion: event.searchedQuestion });
          else if (event.type === 'answer-delta') stream.send('answer-delta', { text: event.text });
        },
      });
      const payload = answerPayload(result);
      app.chats.append(session.id, 'assistant', result.answer, payload);
      stream.send('answer-end', { ...payload, sessionId: session.id });
    } catch (error) {
      const typed = toPropoError(error);
      if (typed.code === 'PROPO_ERR_INTERNAL') request.log.error({ err: error }, 'chat failed');
      const message = typed.code === 'PROPO_ERR_INTERNAL' ? `Internal error. Quote request id ${request.id} when reporting it.` : typed.message;
      stream.send('error', { code: stream.signal.aborted ? 'PROPO_ERR_ABORTED' : typed.code, message });
    } finally {
      app.metrics.activeChatSessions.dec();
      stream.end();
    }
    return reply;
  });
}
