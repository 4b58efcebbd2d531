import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CitableSpan } from './citation-checker.ts';
import { composeExtractiveAnswer, type ListLookup } from './extractive-answer.ts';

const span = (id: string, paragraphId: string, text: string): CitableSpan => ({ file: 'rust.md', page: 1, start: 0, end: text.length, text, documentId: 'd', propositionId: id, paragraphId });
const SPANS = [
  span('s0', 'p0', 'Ownership is a set of rules that govern how a Rust program manages memory.'),
  span('s1', 'p1', 'Keep these rules in mind as we work through the examples that illustrate them'),
];
const ITEMS = [span('i0', 'p2', 'Each value in Rust has an owner.'), span('i1', 'p2', 'There can only be one owner at a time.')];
const lists: ListLookup = { itemsOf: () => [], itemsIntroducedBy: (paragraphId) => (paragraphId === 'p1' ? ITEMS : []) };

test('a list question leads with the span that introduces a list, quoted item by item', () => {
  const answer = composeExtractiveAnswer(SPANS, lists, { listFirst: true });
  const lines = answer?.text.split('\n') ?? [];
  assert.match(lines[1] ?? '', /^From rust\.md, page 1: Keep these rules in mind/u);
  assert.match(lines[2] ?? '', /^- Each value in Rust has an owner\. \[/u);
  assert.match(lines[3] ?? '', /^- There can only be one owner at a time\. \[/u);
  assert.deepEqual(answer?.quoted.map((s) => s.propositionId).slice(0, 3), ['s1', 'i0', 'i1']);
});

test('other questions keep the retrieval order', () => {
  const answer = composeExtractiveAnswer(SPANS, lists);
  assert.match(answer?.text.split('\n')[1] ?? '', /^From rust\.md, page 1: Ownership is a set of rules/u);
});

// decision 0145: a table of contents (a list made only of titles, a book's SUMMARY.md) is never quoted as the answer.
test('a span of a list of titles is not quoted', () => {
  const toc = [span('t0', 'toc', 'Patterns and Matching'), span('t1', 'toc', 'All the Places Patterns Can Be Used'), span('t2', 'toc', 'Pattern Syntax')];
  const tocLists: ListLookup = { itemsOf: (paragraphId) => (paragraphId === 'toc' ? toc : []), itemsIntroducedBy: () => [] };
  const answer = composeExtractiveAnswer([toc[0] as CitableSpan, span('r0', 'p9', 'The ..= syntax allows us to match to an inclusive range of values.')], tocLists);
  assert.match(answer?.text.split('\n')[1] ?? '', /^From rust\.md, page 1: The \.\.= syntax allows us/u);
  assert.deepEqual(answer?.quoted.map((s) => s.propositionId), ['r0']);
});

// decision 0146: the list item retrieval chose is cited first; the rest of its list follows in list order.
const RULES = [span('r0', 'rules', 'Each value in Rust has an owner.'), span('r1', 'rules', 'There can only be one owner at a time.'), span('r2', 'rules', 'When the owner goes out of scope, the value will be dropped.')];
const ruleLists: ListLookup = { itemsOf: (paragraphId) => (paragraphId === 'rules' ? RULES : []), itemsIntroducedBy: () => [] };

test('with chosenItemFirst a chosen list item is cited before the other items of its list', () => {
  const answer = composeExtractiveAnswer([RULES[2] as CitableSpan, span('o0', 'p9', 'The original string thus immediately goes out of scope.')], ruleLists, { chosenItemFirst: true });
  const lines = answer?.text.split('\n') ?? [];
  assert.match(lines[1] ?? '', /^From rust\.md, page 1: When the owner goes out of scope, the value will be dropped\. \[/u);
  assert.match(lines[2] ?? '', /^- Each value in Rust has an owner\. \[/u);
  assert.match(lines[3] ?? '', /^- There can only be one owner at a time\. \[/u);
  assert.deepEqual(answer?.quoted.map((s) => s.propositionId), ['r2', 'r0', 'r1', 'o0']);
});

test('without chosenItemFirst, or for a list question, the list keeps its order', () => {
  for (const options of [{}, { chosenItemFirst: true, listFirst: true }]) {
    const answer = composeExtractiveAnswer([RULES[2] as CitableSpan], ruleLists, options);
    assert.deepEqual(answer?.quoted.map((s) => s.propositionId), ['r0', 'r1', 'r2']);
  }
});
