/**
 * What both transports must show with the SDK's own client: the tools and resources, search
 * results whose citations resolve (cite) to exactly pageText.slice(start, end) of the resource,
 * a cited answer, and typed tool errors.
 */
import assert from 'node:assert/strict';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

export const MD_FILE = 'rustbook-ch04-01-what-is-ownership.md';
export const QUERY = 'What are the ownership rules in Rust?';

interface Span { citation: string; file: string; page: number; start: number; end: number; text: string; documentId: string }

export async function callJson<T>(client: Client, name: string, args: Record<string, unknown>): Promise<T> {
  const result = await client.callTool({ name, arguments: args });
  const [first] = result.content as Array<{ type: string; text: string }>;
  assert.notEqual(result.isError, true, `${name} failed: ${first?.text}`);
  return JSON.parse(first?.text ?? 'null') as T;
}

export async function checkPropoMcp(client: Client): Promise<void> {
  const { documents } = await callJson<{ documents: Array<{ id: string; file: string; uri: string }> }>(client, 'list_documents', {});
  const doc = documents.find((d) => d.file === MD_FILE);
  assert.ok(doc, `list_documents lacks ${MD_FILE}: ${JSON.stringify(documents)}`);

  const { resources } = await client.listResources();
  assert.ok(resources.some((r) => r.uri === doc.uri && r.name === MD_FILE));
  const { contents } = await client.readResource({ uri: doc.uri });
  const pages = new Map(contents.map((c) => [Number(c.uri.split('/').at(-1)), 'text' in c ? String(c.text) : '']));
  assert.ok(pages.size >= 1);

  const { results } = await callJson<{ results: Array<Span & { context: { citation: string; text: string } | null }> }>(client, 'search', { query: QUERY, k: 5 });
  assert.ok(results.length >= 1 && results.length <= 5);
  for (const hit of results) {
    assert.equal(hit.citation, `[${hit.file}:${hit.page}:${hit.start}-${hit.end}]`);
    assert.equal(pages.get(hit.page)?.slice(hit.start, hit.end), hit.text, `search span ${hit.citation} is not the page text`);
    assert.ok(hit.context && hit.context.text.includes(hit.text), 'the parent paragraph contains the proposition');
  }
  assert.ok(results.some((hit) => /owner/i.test(hit.text)), 'search finds text about ownership');

  const top = results[0] as Span;
  const resolved = await callJson<Span & { pageText: string }>(client, 'cite', { citation: top.citation });
  assert.deepEqual([resolved.text, resolved.page, resolved.documentId], [top.text, top.page, doc.id]);
  assert.equal(resolved.pageText.slice(resolved.start, resolved.end), top.text);

  const answer = await callJson<{ answer: string; citations: Span[] }>(client, 'ask', { question: QUERY });
  assert.ok(answer.citations.length >= 1, `no citations in ${answer.answer}`);
  for (const c of answer.citations) {
    assert.ok(answer.answer.includes(c.citation), `answer does not carry ${c.citation}`);
    assert.equal(pages.get(c.page)?.slice(c.start, c.end), c.text);
  }

  const bad = await client.callTool({ name: 'cite', arguments: { citation: 'not a citation' } });
  assert.equal(bad.isError, true);
  assert.match((bad.content as Array<{ text: string }>)[0]?.text ?? '', /^PROPO_ERR_VALIDATION: .*Expected \[file:page:start-end\]/);
  const absent = await client.callTool({ name: 'cite', arguments: { citation: `[${MD_FILE}:1:0-999999]` } });
  assert.match((absent.content as Array<{ text: string }>)[0]?.text ?? '', /^PROPO_ERR_NOT_FOUND/);
}
