/**
 * Structured JSON logs (pino) to logs/app.log (and stdout for the server), with secrets
 * scrubbed: every configured secret value is replaced before a line is written.
 */
import { mkdirSync, createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(options: { logDir: string; secrets: string[]; stdout?: boolean; level?: string }): Logger {
  mkdirSync(options.logDir, { recursive: true });
  // A write error (a full disk, issue 14 item 3) must not crash the process: the stream is
  // dropped, lines are lost until a new one is opened, at most every 5 s.
  const path = join(options.logDir, 'app.log');
  let file: WriteStream | null = null;
  let failedAt = 0;
  const open = () => {
    const stream = createWriteStream(path, { flags: 'a' });
    stream.on('error', () => {
      if (file === stream) file = null;
      failedAt = Date.now();
    });
    return stream;
  };
  file = open();
  const secrets = options.secrets.filter((s) => s.length >= 4);
  const scrub = (line: string) => secrets.reduce((acc, s) => acc.split(s).join('***'), line);
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const line = scrub(chunk.toString());
      if (!file && Date.now() - failedAt > 5000) file = open();
      file?.write(line);
      if (options.stdout) process.stdout.write(line);
      callback();
    },
  });
  return pino({ level: options.level ?? 'info', base: { app: 'propo' }, timestamp: pino.stdTimeFunctions.isoTime, redact: { paths: ['*.password', '*.apiKey', '*.authorization', 'req.headers.authorization', 'req.headers.cookie'], censor: '***' } }, sink);
}
