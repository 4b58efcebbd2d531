/**
 * Checks the store's invariants from outside, as a user could: every visible document is
 * complete (all propositions stored, each with a vector), spans are exact, no vector belongs
 * to an invisible document, and nothing is left pending. Returns a list of violations.
 */
import type { PropoApp } from '../app/compose.ts';
import { indexedUnits } from '../core/retrieval/indexed-units.ts';

export async function storeViolations(app: PropoApp): Promise<string[]> {
  const problems: string[] = [];
  const visible = app.documents.list({ includePending: true });
  for (const doc of visible) {
    if (doc.status !== 'ingested') { problems.push(`document ${doc.file} is ${doc.status}`); continue; }
    const pages = new Map(app.documents.pages(doc.id).map((p) => [p.number, p.text]));
    const paragraphs = new Map(app.documents.paragraphs(doc.id).map((p) => [p.id, p]));
    const propositions = app.documents.propositions(doc.id);
    if (propositions.length !== doc.propositions) problems.push(`${doc.file}: ${propositions.length} propositions stored, ${doc.propositions} recorded`);
    for (const p of propositions) {
      const text = pages.get(p.page);
      const parent = paragraphs.get(p.paragraphId);
      if (text === undefined || p.start < 0 || p.end > text.length || p.start >= p.end) problems.push(`${doc.file}: proposition ${p.id} span out of page`);
      else if (app.propositionizer.name === 'rule' && text.slice(p.start, p.end) !== p.text) problems.push(`${doc.file}: proposition ${p.id} text is not its span`);
      if (!parent || parent.start > p.start || parent.end < p.end) problems.push(`${doc.file}: proposition ${p.id} outside its paragraph`);
    }
    for (const unit of indexedUnits(app.config.retrieval)) {
      const vectors = await app.vectors.count({ documentIds: [doc.id], unit });
      const expected = unit === 'proposition' ? propositions.length : paragraphs.size;
      if (vectors !== expected) problems.push(`${doc.file}: ${vectors} ${unit} vectors for ${expected} ${unit}s`);
    }
  }
  const visibleIds = new Set(visible.filter((d) => d.status === 'ingested').map((d) => d.id));
  for (const id of await app.vectors.listDocumentIds()) if (!visibleIds.has(id)) problems.push(`orphan vectors for ${id}`);
  return problems;
}
