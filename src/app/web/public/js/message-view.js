// @ts-check
/* global navigator */
/** One chat message bubble: the question, or an answer with chips, usage and actions. */
import { formatNumber, formatUsd, h, toast } from './dom.js';
import { renderMarkdown } from './markdown.js';
import { citationChip } from './source-viewer.js';

export const NO_MATCH = 'No strong match found.';

export function userBubble(text) {
  return h('article', { class: 'message user', 'aria-label': 'Your question' }, h('p', { text }));
}

function usageLine(answer) {
  const usage = answer.usage ?? {};
  const tokens = (usage.promptTokens ?? 0) + (usage.completionTokens ?? 0);
  const mode = answer.mode === 'llm' ? (usage.model ?? 'LLM') : answer.mode;
  const parts = [mode, `${formatNumber(tokens)} tokens${usage.estimated ? ' (estimated)' : ''}`, formatUsd(usage.costUsd ?? 0)];
  if (answer.timings?.totalMs) parts.push(`${(answer.timings.totalMs / 1000).toFixed(2)} s`);
  return parts.join(' · ');
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    toast('Answer copied.');
  } catch {
    toast('Copy is not allowed here; select the text instead.', 'error');
  }
}

/** An assistant bubble that fills while streaming; `finish` renders Markdown and chips. */
/** @param {{ onRetry?: () => void }} [options] */
export function assistantBubble({ onRetry } = {}) {
  const body = h('div', { class: 'message-body' });
  const footer = h('footer', { class: 'message-footer' });
  const element = h('article', { class: 'message assistant streaming', 'aria-label': 'Answer', 'aria-busy': 'true' }, body, footer);
  let streamed = '';
  const actions = (text) => h('span', { class: 'message-actions' },
    text ? h('button', { type: 'button', class: 'button subtle small', onclick: () => copyText(text) }, 'Copy') : null,
    onRetry ? h('button', { type: 'button', class: 'button subtle small', onclick: onRetry }, 'Retry') : null);
  const done = () => { element.classList.remove('streaming'); element.setAttribute('aria-busy', 'false'); };
  return {
    element,
    append(text) {
      streamed += text;
      body.textContent = streamed;
    },
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
    fail(message, { stopped = false } = {}) {
      done();
      element.classList.add(stopped ? 'stopped' : 'failed');
      if (!streamed) body.replaceChildren();
      body.append(h('p', { class: stopped ? 'muted' : 'error-text', text: stopped ? 'Stopped.' : message }));
      footer.replaceChildren(actions(streamed));
    },
  };
}
