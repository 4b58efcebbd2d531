/**
 * A local HTTP server speaking the Hugging Face hub's file URLs, for tests that must not reach the real hub:
 * `GET|HEAD /<owner>/<name>/resolve/<revision>/<path>` serves a file of a local model folder. As on the hub,
 * a regular (Git) file answers 200 with `ETag: "<git blob sha1>"`, and a Git LFS file (`*.onnx`) answers
 * 302 to a content URL with `X-Linked-Etag: "<sha256>"` and `X-Linked-Size` (the CDN serves the bytes).
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface ModelHubServerOptions {
  /** Repository id → local folder with its files. */
  models: Record<string, string>;
  /** Serve these repository paths with one byte flipped (the published checksum stays that of the real file). */
  corrupt?: string[];
}

export interface ModelHubServer {
  readonly url: string;
  /** `METHOD path` of every request, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

const isLfs = (file: string): boolean => file.endsWith('.onnx');
const gitBlobSha1 = (bytes: Buffer): string => createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function send(response: ServerResponse, status: number, headers: Record<string, string>, body?: Buffer): void {
  response.writeHead(status, headers);
  response.end(body);
}

export async function startModelHubServer(options: ModelHubServerOptions): Promise<ModelHubServer> {
  const requests: string[] = [];
  const read = (model: string, file: string): Buffer | undefined => {
    const root = options.models[model];
    if (root === undefined || file.split('/').includes('..')) return undefined;
    const target = path.join(root, file);
    try {
      return statSync(target).isFile() ? readFileSync(target) : undefined;
    } catch {
      return undefined;
    }
  };
  const served = (file: string, bytes: Buffer): Buffer => {
    if (!options.corrupt?.includes(file)) return bytes;
    const copy = Buffer.from(bytes);
    copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 0xff;
    return copy;
  };
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://hub.local');
    requests.push(`${request.method ?? 'GET'} ${url.pathname}`);
    const body = request.method === 'HEAD' ? undefined : (bytes: Buffer) => bytes;
    const cdn = /^\/cdn\/(.+?)\/resolve\/[^/]+\/(.+)$/.exec(url.pathname);
    const resolve = /^\/(.+?)\/resolve\/[^/]+\/(.+)$/.exec(url.pathname);
    const match = cdn ?? resolve;
    const model = match?.[1];
    const file = match?.[2] === undefined ? undefined : decodeURIComponent(match[2]);
    const bytes = model === undefined || file === undefined ? undefined : read(model, file);
    if (model === undefined || file === undefined || bytes === undefined) {
      send(response, 404, { 'content-type': 'application/json', 'x-error-code': 'EntryNotFound' }, Buffer.from('{"error":"Entry not found"}'));
      return;
    }
    const content = served(file, bytes);
    if (cdn === null && isLfs(file)) {
      send(response, 302, {
        location: `/cdn${url.pathname}`, 'x-linked-etag': `"${sha256(bytes)}"`, 'x-linked-size': String(bytes.byteLength), 'x-repo-commit': 'local',
      });
      return;
    }
    const etag = isLfs(file) ? sha256(bytes) : gitBlobSha1(bytes);
    send(response, 200, { 'content-type': 'application/octet-stream', 'content-length': String(content.byteLength), etag: `"${etag}"` }, body?.(content));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
