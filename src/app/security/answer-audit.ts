/**
 * Security events about content: CITATION_REJECTED when the checker removed invented citations
 * from an answer, PROMPT_INJECTION_SUSPECTED when ingested or retrieved text reads like
 * instructions to the model. The HTTP/ingest layers call these after an answer or ingestion.
 */
import type { AnswerResult } from '../../core/answer/answer-types.ts';
import { detectInjection } from '../../core/security/index.ts';
import type { AuditEvent } from './audit-log.ts';

export interface AuditContext { user?: string | null; ip?: string | null; requestId?: string | null }

export function auditAnswer(audit: (event: AuditEvent) => void, result: AnswerResult, context: AuditContext = {}): void {
  if (result.rejectedCitations > 0) {
    audit({ type: 'CITATION_REJECTED', ...context, details: { answerId: result.id, rejected: result.rejectedCitations, mode: result.mode, model: result.usage.model } });
  }
  const suspicious = result.citations.map((c) => ({ marker: c.marker, report: detectInjection(c.text) })).filter((c) => c.report.suspected);
  if (suspicious.length > 0) {
    audit({ type: 'PROMPT_INJECTION_SUSPECTED', ...context, details: { answerId: result.id, where: 'answer-sources', citations: suspicious.map((s) => s.marker), patterns: [...new Set(suspicious.flatMap((s) => s.report.patterns))] } });
  }
}

/** Checks each page of an ingested document; one event per document listing the pages and patterns. */
export function auditDocumentText(audit: (event: AuditEvent) => void, document: { file: string; documentId?: string; pages: Array<{ number: number; text: string }> }, context: AuditContext = {}): boolean {
  const hits = document.pages.map((p) => ({ page: p.number, report: detectInjection(p.text) })).filter((h) => h.report.suspected);
  if (hits.length === 0) return false;
  audit({ type: 'PROMPT_INJECTION_SUSPECTED', ...context, details: { where: 'ingest', file: document.file, documentId: document.documentId ?? null, pages: hits.map((h) => h.page).slice(0, 100), patterns: [...new Set(hits.flatMap((h) => h.report.patterns))] } });
  return true;
}
