/**
 * issue 12 smoke checks over the real shared papers (not tuning data): within the paragraph that
 * holds the answer, the feature selector cites the answering sentence first — "N = 6 identical
 * layers" for the encoder's depth, "h = 8" for the attention heads, "3.57% top-5 error" for the
 * ResNet ensemble. Paragraphs and propositions come from the production PDF parser, paragraph
 * splitter and rule propositionizer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRulePropositionizer } from '../../src/core/ingest/rule-propositionizer.ts';
import { splitParagraphs } from '../../src/core/ingest/split-paragraphs.ts';
import { createFeatureSelector, searchOrderSelector, type SelectionGroup } from '../../src/core/retrieval/select-answer-propositions.ts';
import { createPdfParser } from '../../src/providers/parsers/index.ts';
import { DATASETS } from '../../src/testing/temp-app.ts';

async function groupsOf(file: string): Promise<SelectionGroup[]> {
  const parsed = await createPdfParser({ maxPages: 100 }).parse(new Uint8Array(readFileSync(join(DATASETS, 'documents/pdf', file))), { fileName: file });
  const groups: SelectionGroup[] = [];
  for (const page of parsed.pages) {
    const paragraphs = splitParagraphs(file, page);
    const propositions = await createRulePropositionizer().propositionize(paragraphs, () => page.text, { file });
    for (const paragraph of paragraphs) {
      const own = propositions.filter((p) => p.paragraphId === paragraph.id);
      groups.push({ paragraphId: paragraph.id, candidates: own.map((p, position) => ({ record: { ...p, namespace: 'default', unit: 'proposition', expert: null }, searchScore: null, position })) });
    }
  }
  return groups;
}

/** The answer's paragraph first, then the rest of the paper (the IDF pool), as retrieval would rank it. */
function answerParagraphFirst(groups: SelectionGroup[], answer: string): SelectionGroup[] {
  const index = groups.findIndex((g) => g.candidates.some((c) => c.record.text.includes(answer)));
  assert.ok(index >= 0, `the paper has a proposition with ${answer}`);
  return [groups[index] as SelectionGroup, ...groups.filter((_, i) => i !== index)];
}

const cases = [
  { file: 'arxiv-1706.03762v5-attention.pdf', question: 'How many layers does the Transformer encoder have?', answer: 'N = 6 identical layers' },
  { file: 'arxiv-1706.03762v5-attention.pdf', question: 'How many attention heads does the Transformer use?', answer: 'h = 8' },
  { file: 'arxiv-1512.03385v1-resnet.pdf', question: 'What top-5 error does the ensemble of residual nets reach on the ImageNet test set?', answer: '3.57%' },
];

for (const { file, question, answer } of cases) {
  test(`the answering sentence is cited first: ${question}`, async () => {
    const groups = answerParagraphFirst(await groupsOf(file), answer);
    const first = createFeatureSelector()(question, groups)[0]?.[0];
    assert.ok(first?.text.includes(answer), `first cited: ${first?.text}`);
    assert.ok((groups[0]?.candidates.length ?? 0) > 1, 'the paragraph has other sentences to choose from');
    const before = searchOrderSelector(question, groups)[0]?.[0];
    assert.ok(before, 'the search order also cites a sentence (for the record)');
  });
}
