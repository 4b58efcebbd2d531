/**
 * `bin/propo ops capacity`: projects disk, memory and monthly LLM cost from what is stored now
 * and how fast it grew (documents per day over the last 30 days, ledger spend per day).
 *   disk(days)   = data dir now + docs/day × days × bytes per document (data dir / documents)
 *   vector RAM   = vectors × dimensions × 4 bytes × 1.5 (index and Arrow overhead)
 *   LLM / month  = mean daily spend over the days with answers × 30
 */
import { join } from 'node:path';
import type { PropoApp } from '../../compose.ts';
import { dirSize } from './dir-size.ts';

export interface CapacityPlan {
  now: { documents: number; propositions: number; vectors: number; dataDirBytes: number; backupsBytes: number; answers30d: number; llmCost30dUsd: number };
  growth: { documentsPerDay: number; bytesPerDocument: number };
  projection: { days: number; dataDirBytes: number; vectorMemoryBytes: number }[];
  monthlyLlmCostUsd: number;
}

export async function capacityPlan(app: Pick<PropoApp, 'config' | 'documents' | 'vectors' | 'ledger' | 'embedder' | 'db'>, now = new Date()): Promise<CapacityPlan> {
  const counts = app.documents.counts();
  const vectors = await app.vectors.count();
  const dataDirBytes = await dirSize(app.config.dataDir);
  const since = new Date(now.getTime() - 30 * 24 * 3600 * 1000).toISOString();
  const recent = Number((app.db.prepare("SELECT count(*) AS n FROM documents WHERE status = 'ingested' AND created_at >= ?").get(since) as { n: number }).n);
  const first = (app.db.prepare("SELECT min(created_at) AS t FROM documents WHERE status = 'ingested'").get() as { t: string | null }).t;
  const spanDays = first === null ? 30 : Math.min(30, Math.max(1, (now.getTime() - Date.parse(first)) / (24 * 3600 * 1000)));
  const documentsPerDay = recent / spanDays;
  const bytesPerDocument = counts.documents > 0 ? dataDirBytes / counts.documents : 0;
  const daily = app.ledger.daily(30);
  const totals = app.ledger.totals(since);
  const activeDays = daily.filter((d) => d.answers > 0).length;
  const monthlyLlmCostUsd = activeDays > 0 ? (totals.costUsd / activeDays) * 30 : 0;
  const perVector = app.embedder.dimensions * 4 * 1.5;
  const vectorsPerDocument = counts.documents > 0 ? vectors / counts.documents : 0;
  return {
    now: { documents: counts.documents, propositions: counts.propositions, vectors, dataDirBytes, backupsBytes: await dirSize(join(app.config.backup.dir)), answers30d: totals.answers, llmCost30dUsd: totals.costUsd },
    growth: { documentsPerDay: Math.round(documentsPerDay * 100) / 100, bytesPerDocument: Math.round(bytesPerDocument) },
    projection: [30, 90, 365].map((days) => ({
      days,
      dataDirBytes: Math.round(dataDirBytes + documentsPerDay * days * bytesPerDocument),
      vectorMemoryBytes: Math.round((vectors + documentsPerDay * days * vectorsPerDocument) * perVector),
    })),
    monthlyLlmCostUsd: Math.round(monthlyLlmCostUsd * 10000) / 10000,
  };
}
