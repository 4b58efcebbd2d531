import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { quoteSqlString, sqlIn, toWhereClause } from './to-where-clause.ts';

void describe('toWhereClause', () => {
  void it('doubles single quotes inside literals', () => {
    assert.equal(quoteSqlString("o'brien"), "'o''brien'");
    assert.equal(quoteSqlString("x' OR '1'='1"), "'x'' OR ''1''=''1'");
  });

  void it('restricts nothing without a filter', () => {
    assert.equal(toWhereClause(undefined), undefined);
    assert.equal(toWhereClause({}), undefined);
  });

  void it('treats an empty id list as matching nothing', () => {
    assert.equal(sqlIn('documentId', []), 'false');
  });

  void it('joins every restriction with AND and quotes column names', () => {
    const where = toWhereClause({ namespace: 'a', documentIds: ['d1', "d'2"], experts: ['law'], unit: 'paragraph' });
    assert.equal(where, "(`namespace` = 'a') AND (`documentId` IN ('d1', 'd''2')) AND (`expert` IN ('law')) AND (`unit` = 'paragraph')");
  });
});
