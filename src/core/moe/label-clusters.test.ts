import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { labelClusters } from './label-clusters.ts';
import { lexicalCues } from './lexical-cues.ts';

const CODE = ['const total = items.reduce((sum, x) => sum + x.price, 0);', 'function parseConfig(raw) { return JSON.parse(raw); }', 'if (user_id == null) { throw new Error(); }'];
const PERSONAL = ['I met my sister on Monday and we talked for hours.', 'On 2023-05-14 I moved to our new flat.', 'My plan for tomorrow is to call my dentist.'];
const TECHNICAL = ['The ADC samples at 48 kHz with 24-bit resolution and 0.5 ms latency.', 'Dosage was 250 mg twice daily; HbA1c fell 1.2% after 12 weeks.', 'The CPU runs at 3.2 GHz with 16 MB L3 cache.'];
const GENERAL = ['The river flows through the old town towards the sea.', 'Many people enjoy walking in the park when the weather is pleasant.', 'The museum opened a new exhibition about medieval art.'];

void describe('labelClusters', () => {
  void it('gives each cue-bearing cluster its name and the rest "general"', () => {
    const labels = labelClusters([GENERAL, CODE, TECHNICAL, PERSONAL], ['general', 'technical', 'personal', 'code']);
    assert.deepEqual(labels, ['general', 'code', 'technical', 'personal']);
  });

  void it("picks 'code' for code-like texts even when it is the only cluster with cues", () => {
    assert.deepEqual(labelClusters([GENERAL, CODE], ['general', 'code']), ['general', 'code']);
    assert.ok(lexicalCues(CODE[0] as string).code > lexicalCues(GENERAL[0] as string).code);
  });

  void it('is one-to-one: two code-like clusters do not both get "code"', () => {
    const labels = labelClusters([CODE, CODE.slice(0, 2), GENERAL], ['general', 'code', 'technical']);
    assert.equal(labels.filter((l) => l === 'code').length, 1);
    assert.equal(new Set(labels).size, 3);
  });
});
