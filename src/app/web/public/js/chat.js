// @ts-check
/* global AbortController */
/** The Chat tab: streamed answers (SSE over fetch), stop, retry, edit and resend, examples and past chats. */
import { api, messageOf } from './api.js';
import { buttonById, byId, fieldById, formById, h } from './dom.js';
import { chatCollection } from './collections.js';
import { assistantBubble, userBubble } from './message-view.js';
import { initSessions, refreshSessions, setActiveSession } from './sessions.js';
import { readSse } from './sse.js';
import { initSourceViewer } from './source-viewer.js';
/** @import { ChatEvent, ChatSession, ExamplesResponse, RetrievalStatus } from './types.js' */

/** @type {string | null} */
let sessionId = null;
/** @type {AbortController | null} */
let controller = null;
const messages = () => byId('messages');

/** @param {boolean} busy */
function setBusy(busy) {
  buttonById('send-button').disabled = busy;
  byId('stop-button').hidden = !busy;
}

function scrollToEnd() { messages().scrollTop = messages().scrollHeight; }

/** A banner above the conversation when semantic search is off (EMBEDDER=auto without a model). */
async function showRetrievalNotice() {
  try {
    /** @type {RetrievalStatus} */
    const { notice } = await api('/api/retrieval');
    const banner = byId('retrieval-notice');
    banner.textContent = notice ?? '';
    banner.hidden = !notice;
  } catch { /* the notice is informative; the chat works without it */ }
}

async function showEmpty() {
  const box = h('div', { class: 'empty-chat' }, h('h2', { text: 'Ask about your documents' }), h('p', { class: 'muted', text: 'Every answer cites the exact sentence it comes from. Click a citation to see it highlighted in its page.' }));
  messages().replaceChildren(box);
  try {
    /** @type {ExamplesResponse} */
    const { questions } = await api('/api/examples');
    if (questions.length === 0) { box.append(h('p', { class: 'muted', text: 'No documents yet: add some in the Ingest tab.' })); return; }
    box.append(h('p', { class: 'examples-title', text: 'Try one of these:' }), h('div', { class: 'examples' },
      questions.map((q) => h('button', { type: 'button', class: 'example-question', onclick: () => ask(q) }, q))));
  } catch { /* examples are a nicety; the chat works without them */ }
}

/**
 * Edit and resend: the edited question replaces this one and everything after it, here and in the stored chat.
 * @param {HTMLElement} bubble
 * @param {string} question
 */
function resend(bubble, question) {
  if (controller) return;
  const replaceFrom = bubble.dataset.messageId;
  while (bubble.nextSibling) bubble.nextSibling.remove();
  bubble.remove();
  void ask(question, replaceFrom ? { replaceFrom } : {});
}

/**
 * @param {string} question
 * @param {{ replaceFrom?: string }} [options]
 */
export async function ask(question, options = {}) {
  if (controller) return;
  if (messages().querySelector('.empty-chat')) messages().replaceChildren();
  const asked = userBubble(question, { onEdit: resend });
  messages().append(asked);
  const bubble = assistantBubble({ onRetry: () => ask(question) });
  messages().append(bubble.element);
  scrollToEnd();
  controller = new AbortController();
  setBusy(true);
  try {
    /** @type {Response} */
    const response = await api('/api/chat', { method: 'POST', body: { question, ...(sessionId ? { sessionId } : {}), ...(options.replaceFrom ? { replaceFrom: options.replaceFrom } : {}), ...(chatCollection() ? { collection: chatCollection() } : {}) }, raw: true, signal: controller.signal, headers: { accept: 'text/event-stream' } });
    let ended = false;
    for await (const message of readSse(response)) {
      // The stream's events are the server's (chat-routes.ts); an unknown event name matches no branch below.
      const { event, data } = /** @type {ChatEvent} */ (message);
      if (event === 'answer-start') {
        if (data.questionId) asked.dataset.messageId = data.questionId;
        if (sessionId !== data.sessionId) { sessionId = data.sessionId; setActiveSession(sessionId); refreshSessions(); }
      } else if (event === 'answer-delta') bubble.append(data.text);
      else if (event === 'answer-end') { bubble.finish(data); ended = true; }
      else if (event === 'error') { bubble.fail(`${data.message} (${data.code})`); ended = true; }
      scrollToEnd();
    }
    if (!ended) bubble.fail('The answer stream ended early. Retry.');
  } catch (error) {
    const stopped = error instanceof Error && error.name === 'AbortError';
    bubble.fail(stopped ? '' : messageOf(error), { stopped });
  } finally {
    controller = null;
    setBusy(false);
    scrollToEnd();
  }
}

/** @param {string} id */
async function openSession(id) {
  controller?.abort();
  /** @type {ChatSession} */
  const session = await api(`/api/sessions/${id}`);
  sessionId = id;
  setActiveSession(id);
  messages().replaceChildren();
  let lastQuestion = '';
  for (const message of session.messages) {
    if (message.role === 'user') {
      lastQuestion = message.content;
      const asked = userBubble(message.content, { onEdit: resend });
      asked.dataset.messageId = message.id;
      messages().append(asked);
      continue;
    }
    const question = lastQuestion;
    const bubble = assistantBubble({ onRetry: () => ask(question) });
    bubble.finish(message.answer ?? { answer: message.content, mode: 'llm' });
    messages().append(bubble.element);
  }
  scrollToEnd();
}

function newChat() {
  controller?.abort();
  sessionId = null;
  setActiveSession(null);
  byId('source-viewer').hidden = true;
  void showEmpty();
  byId('question').focus();
}

export function initChat() {
  initSourceViewer();
  void showRetrievalNotice();
  initSessions({ open: (id) => openSession(id), deleted: (id) => { if (id === sessionId) newChat(); } });
  const input = fieldById('question');
  byId('chat-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const question = input.value.trim();
    if (!question || controller) return;
    input.value = '';
    void ask(question);
  });
  input.addEventListener('keydown', (event) => {
    if (event instanceof KeyboardEvent && event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); formById('chat-form').requestSubmit(); }
  });
  byId('stop-button').addEventListener('click', () => controller?.abort());
  byId('new-chat').addEventListener('click', newChat);
  void showEmpty();
  void refreshSessions();
}
