import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import type { AnswerResult } from '../../../core/answer/answer-types.ts';
import { PropoError } from '../../../core/errors/index.ts';
import type { ChatMessage } from '../../../core/ports/llm.ts';
import { action, printJson, type CliContext } from '../cli-context.ts';

/** How long `ask` answers BM25-only after a failed model download before it tries the download again. */
const ASK_DOWNLOAD_RETRY_MS = 10 * 60_000;

export function answerJson(result: AnswerResult) {
  return {
    answer: result.answer,
    mode: result.mode,
    citations: result.citations.map((c) => ({ file: c.file, page: c.page, start: c.start, end: c.end, text: c.text, documentId: c.documentId })),
    usage: { promptTokens: result.usage.promptTokens, completionTokens: result.usage.completionTokens, costUsd: result.usage.costUsd, estimated: result.usage.estimated, model: result.usage.model },
    timings: result.timings,
    rejectedCitations: result.rejectedCitations,
    sentences: result.sentences,
    ...(result.support ? { support: result.support } : {}),
  };
}

function printSources(result: AnswerResult): void {
  const unsupported = result.sentences.filter((s) => !s.supported);
  if (unsupported.length > 0) {
    process.stdout.write(`\nUnsupported (no verified citation):\n${unsupported.map((s) => `  ! ${s.text}\n`).join('')}`);
  }
  if (result.citations.length === 0) return;
  process.stdout.write('\nSources:\n');
  for (const c of result.citations) process.stdout.write(`  ${c.marker} ${c.text.replace(/\s+/g, ' ').slice(0, 160)}\n`);
  const u = result.usage;
  process.stdout.write(`\n${u.model} · ${u.promptTokens}+${u.completionTokens} tokens${u.estimated ? ' (estimated)' : ''} · $${(u.costUsd ?? 0).toFixed(6)} · ${result.timings.totalMs.toFixed(0)} ms\n`);
}

export function registerAsk(program: Command, ctx: CliContext): void {
  program.command('ask').description('Ask a question; prints the answer and its verified citations.')
    .argument('<question>')
    .option('--k <n>', 'how many propositions to retrieve', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 100) throw new PropoError('PROPO_ERR_VALIDATION', '--k takes a whole number from 1 to 100.');
      return n;
    })
    .option('--json', 'print one JSON object')
    .option('--collection <name>', 'answer only from this collection\'s documents (with its system prompt)')
    .action(action(ctx, async (question: string, options: { k?: number; json?: boolean; collection?: string }) => {
      if (!question.trim()) throw new PropoError('PROPO_ERR_VALIDATION', 'The question is empty. Usage: bin/propo ask "What does the paper say about X?"');
      // A one-shot question does not retry a model download that failed in the last 10 minutes (decision 0131).
      ctx.appOverrides = { skipFailedDownloadForMs: ASK_DOWNLOAD_RETRY_MS, ...ctx.appOverrides };
      const app = await ctx.open();
      const result = await app.ask(question, {
        ...(options.k ? { k: options.k } : {}),
        ...(options.collection ? { collection: options.collection } : {}),
        ...(options.json ? {} : { onEvent: (e) => { if (e.type === 'answer-delta' && app.llm) process.stdout.write(e.text); } }),
      });
      if (options.json) printJson(answerJson(result));
      else {
        if (!app.llm) process.stdout.write(result.answer);
        process.stdout.write('\n');
        printSources(result);
      }
    }));

  program.command('chat').description('Interactive chat with history: one question per line; /help, /quit (or Ctrl-D).')
    .option('--collection <name>', 'answer only from this collection\'s documents (with its system prompt)')
    .action(action(ctx, async (options: { collection?: string }) => {
      const app = await ctx.open();
      // Checked before the first question, so a typo is reported at once.
      const scope = options.collection ? { collection: app.collections.get(options.collection).id } : {};
      const tty = Boolean(process.stdin.isTTY);
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: tty });
      const history: ChatMessage[] = [];
      process.stdout.write(`Propo chat — ask about your documents. ${CHAT_HELP}\n`);
      if (tty) rl.prompt();
      // The async iterator buffers lines, so every line piped in is answered even after stdin has closed.
      for await (const line of rl) {
        const question = line.trim();
        const command = chatCommand(question);
        if (command === 'quit') break;
        if (command === 'help') process.stdout.write(`${CHAT_HELP}\n`);
        else if (command === 'unknown') process.stdout.write(`Unknown command ${question.split(/\s/)[0] ?? ''}. ${CHAT_HELP}\n`);
        else if (question) {
          if (!tty) process.stdout.write(`> ${question}\n`);
          let shown = '';
          const result = await app.ask(question, { history, ...scope, onEvent: (e) => { if (e.type === 'answer-delta') { shown += e.text; process.stdout.write(e.text); } } });
          if (shown.trim() !== result.answer.trim()) process.stdout.write(`\n${result.answer}`);
          process.stdout.write('\n');
          printSources(result);
          history.push({ role: 'user', content: question }, { role: 'assistant', content: result.answer });
        }
        if (tty) rl.prompt();
      }
      rl.close();
    }));
}

const CHAT_HELP = 'Commands: /help shows this, /quit (or Ctrl-D) ends the chat; any other line is a question.';

/** A line starting with "/" is a command; anything else (or an empty line) is not. */
export function chatCommand(line: string): 'help' | 'quit' | 'unknown' | null {
  if (!line.startsWith('/')) return null;
  const name = line.slice(1).split(/\s/)[0]?.toLowerCase() ?? '';
  if (name === 'help' || name === '?') return 'help';
  if (name === 'quit' || name === 'exit' || name === 'q') return 'quit';
  return 'unknown';
}
