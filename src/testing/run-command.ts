/** Runs a program (no shell unless asked) and collects its output; rejects with the output's tail when it exits non-zero. */
import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string | Buffer;
  /** Resolve with the result instead of rejecting on a non-zero exit. */
  allowFailure?: boolean;
  timeoutMs?: number;
}

export interface RunResult { code: number; stdout: string; stderr: string }

export function runCommand(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : null;
    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const result = { code: code ?? 128, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
      if (result.code === 0 || options.allowFailure) resolvePromise(result);
      else reject(new Error(`${command} ${args.join(' ')} exited ${code ?? signal}:\n${(result.stdout + result.stderr).slice(-3000)}`));
    });
    // A program that exits without reading its input (or before all of it) closes the pipe: EPIPE is not a failure
    // of the command, whose exit code is what counts.
    child.stdin.on('error', (error: NodeJS.ErrnoException) => { if (error.code !== 'EPIPE') reject(error); });
    child.stdin.end(options.input ?? '');
  });
}

/** Runs one line through bash, as a user would type it (the runbook's commands are tested this way). */
export function runShell(line: string, options: RunOptions = {}): Promise<RunResult> {
  return runCommand('bash', ['-euo', 'pipefail', '-c', line], options);
}
