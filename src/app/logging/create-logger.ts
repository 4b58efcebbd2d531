/**
 * Structured JSON logs (pino) to logs/app.log (and stdout for the server), with secrets
 * scrubbed: every configured secret value is replaced before a line is written.
 */
import { mkdirSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(options: { logDir: string; secrets: string[]; stdout?: boolean; level?: string }): Logger {
  mkdirSync(options.logDir, { recursive: true });
  const file = createWriteStream(join(options.logDir, 'app.log'), { flags: 'a' });
  const secrets = options.secrets.filter((s) => s.length >= 4);
  const scrub = (line: string) => secrets.reduce((acc, s) => acc.split(s).join('***'), line);
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const line = scrub(chunk.toString());
      file.write(line);
      if (options.stdout) process.stdout.write(line);
      callback();
    },
  });
  return pino({ level: options.level ?? 'info', base: { app: 'propo' }, timestamp: pino.stdTimeFunctions.isoTime, redact: { paths: ['*.password', '*.apiKey', '*.authorization', 'req.headers.authorization', 'req.headers.cookie'], censor: '***' } }, sink);
}
