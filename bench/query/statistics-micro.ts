/**
 * bench/query/statistics-micro.ts (decision 0091): the BM25F corpus statistics over 100k synthetic paragraphs
 * (2,000 documents × 50): the paragraph-level build, then the document-level part it now builds only on first access.
 * Usage: nice -n 10 node --expose-gc --import ./bin/register.mjs bench/query/statistics-micro.ts
 */
import { buildCorpusStatistics, type StatisticsParagraph } from '../../src/core/retrieval/lexical/corpus-statistics.ts';
import { SyntheticRows } from './data.ts';
const rows = new SyntheticRows(100000); const ps: StatisticsParagraph[] = [];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
while (!rows.done) rows.take(5000, (i, _v, text) => ps.push({ id: `p${i}`, documentId: `d${Math.floor(i / 50)}`, page: 1, ordinal: i % 50, start: (i % 50) * 1000, end: (i % 50) * 1000 + text.length, text }));
buildCorpusStatistics(ps.slice(0, 5000));
gc(); const r0 = process.memoryUsage().heapUsed;
const c0 = process.cpuUsage(); const s = buildCorpusStatistics(ps); const c1 = process.cpuUsage(c0);
gc(); const r1 = process.memoryUsage().heapUsed;
const c2 = process.cpuUsage(); void s.documentTermCounts; const c3 = process.cpuUsage(c2);
gc(); const r2 = process.memoryUsage().heapUsed;
console.log(`100k paragraphs: paragraph-level build ${((c1.user+c1.system)/1000).toFixed(0)} ms CPU, heap +${((r1-r0)/2**20).toFixed(0)} MB; document level (now lazy) ${((c3.user+c3.system)/1000).toFixed(0)} ms CPU, heap +${((r2-r1)/2**20).toFixed(0)} MB`);
