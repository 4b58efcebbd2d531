import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { estimateMessagesTokens, estimateTokens } from './estimate-tokens.ts';

void describe('estimateTokens', () => {
  void it('is 0 for empty text and at least 1 for any visible text', () => {
    assert.equal(estimateTokens(''), 0);
    assert.equal(estimateTokens('   '), 0);
    assert.equal(estimateTokens('a'), 1);
  });

  void it('lands within 20% of real cl100k_base counts (measured with js-tiktoken) on prose, code and numbers', () => {
    const samples: [string, number][] = [
      ['The quick brown fox jumps over the lazy dog. Propo answers only from your documents, with citations to exact character spans in each page.', 28],
      ['function createOpenAiCompatibleLlm(options: OpenAiCompatibleLlmOptions): LlmProvider { const name = options.name ?? "x"; }', 30],
      ['In 1905, Albert Einstein published four groundbreaking papers, including the special theory of relativity (E = mc^2), which changed physics forever.', 31],
    ];
    for (const [text, actual] of samples) {
      const estimate = estimateTokens(text);
      assert.ok(Math.abs(estimate - actual) <= actual * 0.2, `estimate ${estimate} vs ${actual} for "${text.slice(0, 30)}"`);
    }
  });

  void it('grows with the text and counts CJK characters about one token each', () => {
    assert.ok(estimateTokens('word '.repeat(200)) > estimateTokens('word '.repeat(20)) * 9);
    assert.equal(estimateTokens('日本語の文章'), 6);
  });

  void it('adds per-message framing for chat prompts', () => {
    const messages = [{ role: 'system' as const, content: 'Be brief.' }, { role: 'user' as const, content: 'Hi' }];
    assert.equal(estimateMessagesTokens(messages), 3 + 4 + estimateTokens('Be brief.') + 4 + estimateTokens('Hi'));
  });
});
