/**
 * A scripted "LLM" for the scripted local server that answers by quoting the sources it is
 * given, each followed by its citation marker, in the order the prompt lists them. It is no
 * model: it never judges whether a source answers the question, so it refuses ("No strong
 * match found.") only when the prompt carries no source. A follow-up rewrite request is answered
 * with the follow-up and the last user question of the transcript joined, a literal rewrite.
 * Parsing goes through the prompt Propo really sends (`buildAnswerMessages`,
 * `buildRewriteMessages`); a change to that format fails `quoting-llm-script.test.ts`.
 */
import type { ResponsePlan } from './scripted-llm-server.ts';

export interface QuotingLlmOptions {
  /** Sources quoted per answer (default 2). */
  quotes?: number;
}

interface WireMessage { role?: unknown; content?: unknown }

const SOURCE = /<source\b[^>]*\bcite="([^"]+)"[^>]*>\s*<quote>([\s\S]*?)<\/quote>/g;

function textOf(message: WireMessage | undefined): string {
  return typeof message?.content === 'string' ? message.content : '';
}

/** The sources of an answer prompt as `{ cite, quote }`, in prompt order. */
export function parseSources(prompt: string): Array<{ cite: string; quote: string }> {
  return [...prompt.matchAll(SOURCE)].map((m) => ({ cite: m[1] ?? '', quote: (m[2] ?? '').replace(/\s+/g, ' ').trim() }));
}

function rewriteReply(prompt: string): string {
  const followUp = /Follow-up:\s*([\s\S]*)$/.exec(prompt)?.[1]?.trim() ?? '';
  const lastUser = [...prompt.matchAll(/^user: (.*)$/gm)].at(-1)?.[1]?.trim() ?? '';
  return lastUser ? `${followUp} ${lastUser}` : followUp;
}

function answerReply(prompt: string, quotes: number): string {
  const sources = parseSources(prompt).slice(0, quotes);
  if (sources.length === 0) return 'No strong match found.';
  return sources.map((s) => `${/[.!?]$/.test(s.quote) ? s.quote : `${s.quote}.`} ${s.cite}`).join(' ');
}

/** The chat-completion script: pass it as `startScriptedLlmServer({ script })`. */
export function quotingLlmScript(options: QuotingLlmOptions = {}): (body: Record<string, unknown>) => ResponsePlan {
  const quotes = options.quotes ?? 2;
  return (body) => {
    const messages = (Array.isArray(body.messages) ? body.messages : []) as WireMessage[];
    const system = textOf(messages.find((m) => m.role === 'system'));
    const prompt = textOf(messages.at(-1));
    const text = /^Rewrite the follow-up/i.test(system) ? rewriteReply(prompt) : answerReply(prompt, quotes);
    return { text };
  };
}
