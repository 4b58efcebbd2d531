/**
 * issue 12 item 5, over real shared documents through the real app (SQLite + LanceDB, offline,
 * no LLM): the extractive answer names document and page, quotes the three ownership rules of the
 * Rust book as a list (each item cited and verified), and never quotes the ResNet paper's table
 * debris as a sentence.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isQuotableSentence } from '../../src/core/answer/quotable-sentence.ts';
import { createTempApp, DATASETS, type TempApp } from '../../src/testing/temp-app.ts';

let t: TempApp;
before(async () => {
  // This file tests how an answer is composed from what retrieval ranks. The default BM25F re-scorer ranks
  // "Ownership is a set of rules … a Rust program" and two more paragraphs above the rules paragraph, which then is
  // not among the six hits (a known ranking miss, docs/evaluation.md); with the section heading as a field (decision
  // 0120, off by default) it ranks first, so the file turns that on. Citations across paragraphs (decision 0080) are
  // on, as by default: a question asking for a list leads with the span introducing the list (decision 0124).
  t = await createTempApp({}, { 'retrieval.lexical.headingWeight': 1, 'retrieval.lexical.sectionCandidates': 3 });
  for (const file of ['md/rustbook-ch04-01-what-is-ownership.md', 'pdf/arxiv-1512.03385v1-resnet.pdf']) {
    const result = await t.app.ingest({ fileName: file.split('/')[1] as string, bytes: new Uint8Array(readFileSync(join(DATASETS, 'documents', file))) });
    assert.equal(result.status, 'ingested', file);
  }
});
after(async () => t.cleanup());

const quotedLines = (answer: string): string[] => answer.split('\n').slice(1).filter((line) => /\[[^\]]+:\d+:\d+-\d+\]/u.test(line));

test('the ownership rules are quoted as a list, each item cited, with document and page named', async () => {
  const result = await t.app.ask('What are the ownership rules in Rust?');
  assert.equal(result.mode, 'extractive');
  assert.match(result.answer, /rustbook-ch04-01-what-is-ownership\.md, page 1/u);
  for (const rule of ['Each value in Rust has an owner.', 'There can only be one owner at a time.', 'When the owner goes out of scope, the value will be dropped.']) {
    assert.match(result.answer, new RegExp(`^ *- ${rule.replace(/[.]/gu, '\\.')} \\[rustbook-ch04-01-what-is-ownership\\.md:1:\\d+-\\d+\\]`, 'mu'), result.answer);
  }
  assert.equal(result.rejectedCitations, 0);
  assert.ok(result.citations.length >= 4, 'the lead and the three items are verified citations');
});

test('table and number debris is never quoted as a sentence', async () => {
  for (const question of ['What is the top-5 localization error on ImageNet?', 'What top-5 error does the ResNet ensemble achieve?', 'Which classification and localization errors are reported for testing?']) {
    const result = await t.app.ask(question);
    if (result.mode !== 'extractive') continue;
    assert.doesNotMatch(result.answer, /LOC LOC/u, result.answer);
    for (const line of quotedLines(result.answer)) {
      const quote = line.replace(/^ *(- |From [^:]+: )/u, '').replace(/\s*\[[^\]]+\].*$/u, '');
      assert.ok(isQuotableSentence(quote), `quoted debris: ${quote}`);
    }
    assert.match(result.answer, /From arxiv-1512\.03385v1-resnet\.pdf, page \d+:/u);
  }
});
