import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FusedHit } from './fuse.ts';
import { fusePropositionRanks } from './proposition-rank-fusion.ts';

const hit = (id: string, paragraphId: string, score: number): FusedHit => ({
  id, score, denseScore: null, bm25Score: score, denseRank: null, bm25Rank: null,
  record: { id, documentId: 'd', namespace: 'n', text: id, unit: 'proposition', page: 1, start: 0, end: 1, paragraphId, file: 'f.txt' },
});

void test('RRF of paragraph and proposition ranks: a paragraph whose sentence ranks first moves up; weight 0 changes nothing', () => {
  const paragraphs = [hit('A', 'A', 3), hit('B', 'B', 2), hit('C', 'C', 1)];
  const propositions = [hit('c1', 'C', 9), hit('b1', 'B', 8), hit('c2', 'C', 7)];
  assert.deepEqual(fusePropositionRanks(paragraphs, propositions, 0), paragraphs);
  const fused = fusePropositionRanks(paragraphs, propositions, 1);
  assert.deepEqual(fused.map((h) => h.id), ['C', 'B', 'A']);
  assert.equal(fused[0]?.score, 1 / 63 + 1 / 61, 'C: paragraph rank 3, best proposition rank 1');
  assert.equal(fused[2]?.score, 1 / 61, 'A: no ranked proposition');
});
