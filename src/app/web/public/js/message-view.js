// @ts-check
/* global navigator */
/** One chat message bubble: the question, or an answer with chips, usage and actions. */
import { formatNumber, formatUsd, h, toast } from './dom.js';
import { renderMarkdown } from './markdown.js';
import { citationChip } from './source-viewer.js';
/** @import { AnswerPayload } from './types.js' */

export const NO_MATCH = 'No strong match found.';

/**
 * A question bubble; with `onEdit`, an Edit button turns it into a form whose Send calls `onEdit(bubble, newText)`
 * (edit and resend: the caller replaces this question and what follows it).
 * @param {string} text
 * @param {{ onEdit?: (bubble: HTMLElement, text: string) => void }} [options]
 */
export function userBubble(text, { onEdit } = {}) {
  const shown = h('p', { text });
  const bubble = h('article', { class: 'message user', 'aria-label': 'Your question' }, shown);
  if (!onEdit) return bubble;
  const edit = h('button', { type: 'button', class: 'button subtle small edit-question', 'aria-label': 'Edit and resend this question' }, 'Edit');
  edit.addEventListener('click', () => {
    const field = h('textarea', { class: 'edit-field', rows: '2', 'aria-label': 'Edited question' });
    field.value = text;
    const cancel = h('button', { type: 'button', class: 'button subtle small' }, 'Cancel');
    const form = h('form', { class: 'edit-form' }, field, h('div', { class: 'edit-actions' }, h('button', { type: 'submit', class: 'button small' }, 'Send'), cancel));
    const close = () => { form.replaceWith(shown); edit.hidden = false; edit.focus(); };
    cancel.addEventListener('click', close);
    field.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') close();
      else if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const question = field.value.trim();
      if (question) onEdit(bubble, question);
    });
    shown.replaceWith(form);
    edit.hidden = true;
    field.focus();
  });
  bubble.append(edit);
  return bubble;
}

/** @param {AnswerPayload} answer */
function usageLine(answer) {
  /** @type {Partial<NonNullable<AnswerPayload['usage']>>} */
  const usage = answer.usage ?? {};
  const tokens = (usage.promptTokens ?? 0) + (usage.completionTokens ?? 0);
  const mode = answer.mode === 'llm' ? (usage.model ?? 'LLM') : answer.mode;
  const parts = [mode, `${formatNumber(tokens)} tokens${usage.estimated ? ' (estimated)' : ''}`, formatUsd(usage.costUsd ?? 0)];
  if (answer.timings?.totalMs) parts.push(`${(answer.timings.totalMs / 1000).toFixed(2)} s`);
  return parts.join(' · ');
}

/** @param {string} text */
async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    toast('Answer copied.');
  } catch {
    toast('Copy is not allowed here; select the text instead.', 'error');
  }
}

/**
 * An assistant bubble that fills while streaming; `finish` renders Markdown and chips.
 * @param {{ onRetry?: () => void }} [options]
 */
export function assistantBubble({ onRetry } = {}) {
  const body = h('div', { class: 'message-body' });
  const footer = h('footer', { class: 'message-footer' });
  const element = h('article', { class: 'message assistant streaming', 'aria-label': 'Answer', 'aria-busy': 'true' }, body, footer);
  let streamed = '';
  const actions = (/** @type {string} */ text) => h('span', { class: 'message-actions' },
    text ? h('button', { type: 'button', class: 'button subtle small', onclick: () => copyText(text) }, 'Copy') : null,
    onRetry ? h('button', { type: 'button', class: 'button subtle small', onclick: onRetry }, 'Retry') : null);
  const done = () => { element.classList.remove('streaming'); element.setAttribute('aria-busy', 'false'); };
  return {
    element,
    /** @param {string} text */
    append(text) {
      streamed += text;
      body.textContent = streamed;
    },
    /** @param {AnswerPayload} answer */
    finish(answer) {
      done();
      if (answer.mode === 'no-match') {
        element.classList.add('no-match');
        body.replaceChildren(h('p', { class: 'no-match-title', text: NO_MATCH }), h('p', { class: 'muted', text: 'Nothing in your documents answers this closely enough. Try other words, or add documents that cover it.' }));
      } else {
        body.replaceChildren(renderMarkdown(answer.answer, citationChip, { sentences: answer.sentences ?? [] }));
      }
      const unsupported = (answer.sentences ?? []).filter((s) => !s.supported).length;
      const note = unsupported ? h('span', { class: 'unsupported-note', role: 'note', text: `${unsupported} sentence${unsupported === 1 ? '' : 's'} without a verified citation (marked “unsupported”).` }) : null;
      footer.replaceChildren(...[h('span', { class: 'usage', text: usageLine(answer) }), note, actions(answer.answer)].filter((node) => node !== null));
    },
    /**
     * @param {string} message
     * @param {{ stopped?: boolean }} [options]
     */
    fail(message, { stopped = false } = {}) {
      done();
      element.classList.add(stopped ? 'stopped' : 'failed');
      if (!streamed) body.replaceChildren();
      body.append(h('p', { class: stopped ? 'muted' : 'error-text', text: stopped ? 'Stopped.' : message }));
      footer.replaceChildren(actions(streamed));
    },
  };
}
