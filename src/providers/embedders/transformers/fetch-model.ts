/**
 * Downloads a model's files from a Hugging Face hub (or a mirror speaking its file URLs:
 * `<hub>/<model>/resolve/<revision>/<file>`), verifying each file against the checksum the hub
 * publishes: `X-Linked-Etag` (SHA-256 of a Git LFS file) or `ETag` (Git blob SHA-1 of a regular file).
 * Files are written to `<file>.<pid>.partial` and renamed only once verified, so an interrupted or
 * corrupted download never counts as cached.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PropoError } from '../../../core/errors/index.ts';
import { cachedModelDir, isModelComplete, modelFiles } from './model-files.ts';

export interface ModelDownloadProgress {
  file: string;
  /** Bytes of this file received so far, and its size when the hub says it (else null). */
  received: number;
  total: number | null;
  /** 1-based index of the file and how many files there are. */
  index: number;
  files: number;
}

export interface FetchModelOptions {
  hubUrl: string;
  model: string;
  dtype: 'q8' | 'fp32';
  cacheDir: string;
  revision?: string;
  /** Per request (headers and each body chunk); default 30 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ModelDownloadProgress) => void;
}

interface Expected { algorithm: 'sha256' | 'git-sha1'; digest: string; size: number | null }

const unquote = (value: string | null): string => (value ?? '').replace(/^W\//, '').replace(/"/g, '').trim().toLowerCase();

/** The checksum published for a file: on the (possibly redirecting) response to a HEAD request. */
function expectedChecksum(headers: Headers, file: string, url: string): Expected {
  const linked = unquote(headers.get('x-linked-etag'));
  const etag = unquote(headers.get('etag'));
  const sizeHeader = headers.get('x-linked-size') ?? headers.get('content-length');
  const size = sizeHeader !== null && /^\d+$/.test(sizeHeader) ? Number(sizeHeader) : null;
  if (/^[0-9a-f]{64}$/.test(linked)) return { algorithm: 'sha256', digest: linked, size };
  if (/^[0-9a-f]{64}$/.test(etag)) return { algorithm: 'sha256', digest: etag, size };
  if (/^[0-9a-f]{40}$/.test(etag)) return { algorithm: 'git-sha1', digest: etag, size };
  throw new PropoError('PROPO_ERR_EMBEDDER_UNAVAILABLE', `${url} publishes no checksum (ETag or X-Linked-Etag) for ${file}, so the download cannot be verified. Download the model elsewhere and set EMBED_MODEL_PATH.`);
}

function digestOf(bytes: Uint8Array, algorithm: Expected['algorithm']): string {
  if (algorithm === 'sha256') return createHash('sha256').update(bytes).digest('hex');
  return createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
}

function requestSignal(options: FetchModelOptions): AbortSignal {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
  return options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
}

/** HEAD without following redirects to another host: the hub puts the LFS checksum on its 302. */
async function head(url: string, options: FetchModelOptions): Promise<Headers> {
  let target = url;
  for (let hop = 0; hop < 5; hop += 1) {
    const response = await fetch(target, { method: 'HEAD', redirect: 'manual', signal: requestSignal(options) });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      if (response.headers.get('x-linked-etag') !== null) return response.headers;
      target = new URL(location, target).href;
      continue;
    }
    if (!response.ok) throw new Error(`HEAD ${target}: HTTP ${response.status}`);
    return response.headers;
  }
  throw new Error(`HEAD ${url}: too many redirects`);
}

async function download(url: string, options: FetchModelOptions, report: (received: number, total: number | null) => void): Promise<Uint8Array> {
  const response = await fetch(url, { redirect: 'follow', signal: requestSignal(options) });
  if (!response.ok || response.body === null) throw new Error(`GET ${url}: HTTP ${response.status}`);
  const lengthHeader = response.headers.get('content-length');
  const total = lengthHeader !== null && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : null;
  const chunks: Uint8Array[] = [];
  let received = 0;
  report(0, total);
  const reader = response.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    chunks.push(chunk.value);
    received += chunk.value.byteLength;
    report(received, total);
  }
  return Buffer.concat(chunks, received);
}

/**
 * Ensures the files of `model` are in the cache and returns their folder. Files already present
 * are not fetched again. Throws PROPO_ERR_EMBEDDER_UNAVAILABLE (hub unreachable, HTTP error,
 * checksum or size mismatch); nothing unverified is left behind.
 */
export async function fetchModel(options: FetchModelOptions): Promise<string> {
  const dir = cachedModelDir(options.cacheDir, options.model);
  if (isModelComplete(dir, options.dtype)) return dir;
  const files = modelFiles(options.dtype);
  const base = `${options.hubUrl.replace(/\/+$/, '')}/${options.model}/resolve/${encodeURIComponent(options.revision ?? 'main')}`;
  for (const [index, file] of files.entries()) {
    const target = path.join(dir, file);
    if (existsSync(target) && statSync(target).size > 0) continue;
    const url = `${base}/${file}`;
    const partial = `${target}.${process.pid}.partial`;
    try {
      const expected = expectedChecksum(await head(url, options), file, url);
      const bytes = await download(url, options, (received, total) =>
        options.onProgress?.({ file, received, total: total ?? expected.size, index: index + 1, files: files.length }));
      if (expected.size !== null && bytes.byteLength !== expected.size) throw new Error(`${file}: received ${bytes.byteLength} bytes, the hub announced ${expected.size}`);
      const actual = digestOf(bytes, expected.algorithm);
      if (actual !== expected.digest) throw new Error(`${file}: checksum mismatch (${expected.algorithm} ${actual}, the hub published ${expected.digest})`);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(partial, bytes);
      renameSync(partial, target);
    } catch (error) {
      rmSync(partial, { force: true });
      if (error instanceof PropoError) throw error;
      const reason = error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
      throw new PropoError('PROPO_ERR_EMBEDDER_UNAVAILABLE', `Could not download ${options.model} from ${options.hubUrl} (${reason}). Download it elsewhere and set EMBED_MODEL_PATH, or check the network.`, { cause: error });
    }
  }
  return dir;
}

