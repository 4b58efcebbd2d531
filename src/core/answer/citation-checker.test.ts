import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCitations, createCitationVerifier, type CitableSpan } from './citation-checker.ts';
import { CitationStreamFilter } from './citation-stream-filter.ts';
import { findMarkers, parseCitation, formatCitation } from './citation-marker.ts';

const spans: CitableSpan[] = [
  { file: 'paper one.pdf', page: 2, start: 10, end: 50, text: 'Mice given X lived longer.', documentId: 'd1', propositionId: 'p1', paragraphId: 'g1' },
  { file: 'notes.md', page: 1, start: 0, end: 12, text: 'Short note.', documentId: 'd2', propositionId: 'p2', paragraphId: 'g2' },
];
const stored = new Set(spans.map((s) => formatCitation(s)));
// A span that was retrieved but has since been deleted from the store.
const verify = createCitationVerifier(spans, (ref) => stored.has(formatCitation(ref)));

test('parseCitation reads file names with spaces and rejects bad ranges', () => {
  assert.deepEqual(parseCitation('[paper one.pdf:2:10-50]'), { file: 'paper one.pdf', page: 2, start: 10, end: 50 });
  assert.equal(parseCitation('[paper.pdf:0:10-50]'), null);
  assert.equal(parseCitation('[paper.pdf:2:50-10]'), null);
  assert.equal(parseCitation('[paper.pdf:2]'), null);
});

test('valid citations are kept and resolved; invented, malformed and out-of-set ones are removed and counted', () => {
  const answer = 'Mice lived longer [paper one.pdf:2:10-50]. An invented claim [paper one.pdf:2:11-50]. '
    + 'Another [ghost.pdf:1:0-5]. Malformed [paper one.pdf:2]. Source style [S1]. Note [notes.md:1:0-12] and again [notes.md:1:0-12].';
  const result = checkCitations(answer, verify);
  assert.equal(result.rejected, 4);
  assert.deepEqual(result.citations.map((c) => c.marker), ['[paper one.pdf:2:10-50]', '[notes.md:1:0-12]']);
  assert.ok(!result.text.includes('ghost.pdf'));
  assert.ok(!result.text.includes('[S1]'));
  assert.ok(!result.text.includes('2:11-50'));
  assert.ok(result.text.includes('Malformed.'), result.text);
  assert.equal(result.citations[0]?.documentId, 'd1');
});

test('a retrieved span that no longer exists in the store is rejected', () => {
  const onlyFirstStored = createCitationVerifier(spans, (ref) => ref.file === 'paper one.pdf');
  const result = checkCitations('A [notes.md:1:0-12].', onlyFirstStored);
  assert.equal(result.citations.length, 0);
  assert.equal(result.rejected, 1);
});

test('the stream filter never emits an unverified marker, whatever the chunking', () => {
  const answer = 'Fact [paper one.pdf:2:10-50]. Fake [paper one.pdf:9:1-2]. Array [0] stays. Done [notes.md:1:0-12]';
  for (let size = 1; size <= 7; size++) {
    const filter = new CitationStreamFilter(verify);
    let shown = '';
    for (let i = 0; i < answer.length; i += size) shown += filter.push(answer.slice(i, i + size));
    shown += filter.end();
    assert.ok(shown.includes('[paper one.pdf:2:10-50]'));
    assert.ok(shown.includes('[notes.md:1:0-12]'));
    assert.ok(!shown.includes('9:1-2'), `chunk ${size}: ${shown}`);
    assert.equal(filter.rejected, 2, `chunk ${size}: [0] is citation-like and unverified`);
  }
});

test('findMarkers finds well-formed and citation-like markers in order', () => {
  const markers = findMarkers('a [x.pdf:1:2-3] b [S2] c [y:1] d [plain words]');
  assert.deepEqual(markers.map((m) => m.marker), ['[x.pdf:1:2-3]', '[S2]', '[y:1]']);
  assert.equal(markers[1]?.ref, null);
});
