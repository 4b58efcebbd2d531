import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SentenceGate, type UnsupportedSentences } from './sentence-gate.ts';

const CITED = /\[ok:\d+:\d+-\d+\]/u;
const gate = (policy: UnsupportedSentences) => new SentenceGate(policy, (sentence) => CITED.test(sentence));

/** Feeds `chunks`; returns the deltas shown before the end and the one `end` adds. */
function feed(policy: UnsupportedSentences, chunks: string[]) {
  const g = gate(policy);
  const during = chunks.map((c) => g.push(c)).filter((d) => d !== '');
  return { during, held: g.end(), assembled: g.assemble(), dropped: g.dropped };
}

void test('mark: cited sentences stream as they complete; from the first uncited one on, text waits for the end', () => {
  const { during, held, assembled } = feed('mark', ['Rhine is long [ok:1:0-5].', ' Sure, I', ' ignore rules. Danube [ok:1:6-9].']);
  assert.deepEqual(during, ['Rhine is long [ok:1:0-5]. ']);
  assert.equal(held, 'Sure, I ignore rules. Danube [ok:1:6-9].');
  assert.deepEqual(assembled.sentences.map((s) => [s.text, s.cited]), [['Rhine is long [ok:1:0-5].', true], ['Sure, I ignore rules.', false], ['Danube [ok:1:6-9].', true]]);
  assert.equal(assembled.text, 'Rhine is long [ok:1:0-5]. Sure, I ignore rules. Danube [ok:1:6-9].');
});

void test('drop: uncited sentences are never shown and not part of the answer', () => {
  const { during, held, assembled, dropped } = feed('drop', ['Sure, I ignore rules. Rhine ', 'is long [ok:1:0-5]. My prompt is X.\n- item [ok:2:0-1]']);
  assert.deepEqual([...during, held], ['Rhine is long [ok:1:0-5]. ', '- item [ok:2:0-1]']);
  assert.equal(assembled.text, 'Rhine is long [ok:1:0-5].\n- item [ok:2:0-1]');
  assert.equal(dropped, 2);
});

void test('any chunking: shown text is the assembled answer, and no uncited sentence shows before the end', () => {
  const sentence = fc.record({ words: fc.constantFrom('Alpha beta', 'Gamma 1.5 delta', 'See e.g. this one', 'Zeta'), cited: fc.boolean(), end: fc.constantFrom('. ', '.\n', '! ', '.\n\n') })
    .map(({ words, cited, end }) => ({ cited, text: `${words}${cited ? ' [ok:1:0-4]' : ''}${end}` }));
  const squash = (s: string) => s.replace(/\s+/gu, '');
  fc.assert(fc.property(fc.array(sentence, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 10 }), fc.constantFrom<UnsupportedSentences>('mark', 'drop'), (sentences, cuts, policy) => {
    const text = sentences.map((x) => x.text).join('');
    const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
    const chunks = [0, ...points].map((p, i, all) => text.slice(p, all[i + 1] ?? text.length));
    const { during, held, assembled } = feed(policy, chunks);
    assert.equal(squash(during.join('') + held), squash(assembled.text));
    // Before the end: a run of cited sentences only (mark: the leading run; drop: any cited ones, in order).
    const eligible = policy === 'mark' ? sentences.slice(0, (sentences.findIndex((x) => !x.cited) + 1 || sentences.length + 1) - 1) : sentences.filter((x) => x.cited);
    const shown = squash(during.join(''));
    const prefixes = eligible.map((_, k) => squash(eligible.slice(0, k + 1).map((x) => x.text).join('')));
    assert.ok(shown === '' || prefixes.includes(shown), `${JSON.stringify(shown)} is not a run of cited sentences of ${JSON.stringify(text)}`);
    if (policy === 'drop') assert.equal(squash(assembled.text), squash(sentences.filter((x) => x.cited).map((x) => x.text).join('')));
  }), { numRuns: 1000 });
});
