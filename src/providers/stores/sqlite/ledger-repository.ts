/**
 * Usage and cost ledger: one row per answer with tokens (provider-reported or estimated),
 * cost, model and latency by stage. Totals and per-day aggregates feed the Costs tab.
 */
import type { AnswerResult } from '../../../core/answer/answer-types.ts';
import { applyMigrations, type Db } from './open-database.ts';

export interface LedgerEntry {
  id: string; createdAt: string; sessionId: string | null; user: string | null; question: string; mode: string; model: string;
  promptTokens: number; completionTokens: number; costUsd: number | null; estimated: boolean;
  embedMs: number; retrieveMs: number; rerankMs: number; firstTokenMs: number | null; totalMs: number;
  citations: number; rejectedCitations: number;
}

export interface LedgerTotals { answers: number; promptTokens: number; completionTokens: number; costUsd: number; noMatch: number }

export class LedgerRepository {
  constructor(private readonly db: Db) {
    applyMigrations(db, 'ledger', [{
      version: 1,
      name: 'answers-ledger',
      sql: `CREATE TABLE answers_ledger (
        id TEXT PRIMARY KEY, created_at TEXT NOT NULL, session_id TEXT, user TEXT, question TEXT NOT NULL, mode TEXT NOT NULL,
        model TEXT NOT NULL, prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL, cost_usd REAL, estimated INTEGER NOT NULL,
        embed_ms REAL NOT NULL, retrieve_ms REAL NOT NULL, rerank_ms REAL NOT NULL, first_token_ms REAL, total_ms REAL NOT NULL,
        citations INTEGER NOT NULL, rejected_citations INTEGER NOT NULL);
        CREATE INDEX answers_ledger_created ON answers_ledger (created_at);`,
    }]);
  }

  record(result: AnswerResult, context: { sessionId?: string; user?: string } = {}, now = new Date()): void {
    this.db.prepare(`INSERT OR REPLACE INTO answers_ledger VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      result.id, now.toISOString(), context.sessionId ?? null, context.user ?? null, result.question.slice(0, 2000), result.mode,
      result.usage.model, result.usage.promptTokens, result.usage.completionTokens, result.usage.costUsd, result.usage.estimated ? 1 : 0,
      result.timings.embedMs, result.timings.retrieveMs, result.timings.rerankMs, result.timings.firstTokenMs, result.timings.totalMs,
      result.citations.length, result.rejectedCitations,
    );
  }

  list(limit = 100, offset = 0): LedgerEntry[] {
    return (this.db.prepare(`SELECT id, created_at AS createdAt, session_id AS sessionId, user, question, mode, model,
      prompt_tokens AS promptTokens, completion_tokens AS completionTokens, cost_usd AS costUsd, estimated,
      embed_ms AS embedMs, retrieve_ms AS retrieveMs, rerank_ms AS rerankMs, first_token_ms AS firstTokenMs, total_ms AS totalMs,
      citations, rejected_citations AS rejectedCitations FROM answers_ledger ORDER BY created_at DESC LIMIT ? OFFSET ?`).all(limit, offset) as Array<LedgerEntry & { estimated: number | boolean }>)
      .map((row) => ({ ...row, estimated: Boolean(row.estimated) }));
  }

  totals(sinceIso?: string): LedgerTotals {
    const row = this.db.prepare(`SELECT COUNT(*) AS answers, COALESCE(SUM(prompt_tokens), 0) AS promptTokens, COALESCE(SUM(completion_tokens), 0) AS completionTokens,
      COALESCE(SUM(cost_usd), 0) AS costUsd, COALESCE(SUM(mode = 'no-match'), 0) AS noMatch FROM answers_ledger WHERE created_at >= ?`).get(sinceIso ?? '') as LedgerTotals;
    return row;
  }

  daily(days = 30): Array<LedgerTotals & { day: string }> {
    const since = new Date(Date.now() - days * 86_400_000).toISOString();
    return this.db.prepare(`SELECT substr(created_at, 1, 10) AS day, COUNT(*) AS answers, SUM(prompt_tokens) AS promptTokens,
      SUM(completion_tokens) AS completionTokens, COALESCE(SUM(cost_usd), 0) AS costUsd, SUM(mode = 'no-match') AS noMatch
      FROM answers_ledger WHERE created_at >= ? GROUP BY day ORDER BY day`).all(since) as Array<LedgerTotals & { day: string }>;
  }

  /** Spend since UTC midnight, for the daily budget. */
  spentToday(now = new Date()): number {
    const midnight = `${now.toISOString().slice(0, 10)}T00:00:00.000Z`;
    return this.totals(midnight).costUsd;
  }
}
