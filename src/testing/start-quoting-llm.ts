/**
 * Starts the quoting LLM (`quoting-llm-script.ts`) on the scripted local server, 127.0.0.1 and a
 * free port, prints its base URL (…/v1) on the first line of stdout and serves until SIGINT or
 * SIGTERM. Used by `scripts/eval-real-questions.sh` to run `bin/propo eval` with an LLM offline:
 *   node --import ./bin/register.mjs src/testing/start-quoting-llm.ts [--quotes N]
 */
import { quotingLlmScript } from './quoting-llm-script.ts';
import { startScriptedLlmServer } from './scripted-llm-server.ts';

const at = process.argv.indexOf('--quotes');
const quotes = at > 0 ? Number(process.argv[at + 1]) : 2;
if (!Number.isInteger(quotes) || quotes < 1) {
  process.stderr.write('--quotes takes a whole number of sources to quote (at least 1).\n');
  process.exit(1);
}
const server = await startScriptedLlmServer({ script: quotingLlmScript({ quotes }) });
process.stdout.write(`${server.url}\n`);
const stop = (): void => { void server.close().then(() => process.exit(0)); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
