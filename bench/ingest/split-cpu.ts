/**
 * CPU of paragraphs + rule propositions over the pages a data dir already stores (decision 0139), and a hash of
 * every paragraph and proposition, to compare two checkouts on identical input:
 *   node --import ./bin/register.mjs bench/ingest/split-cpu.ts <data-dir> [<checkout root>, default this one]
 * (REPS=n repeats the work; the hash is of the first pass).
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
const root = process.argv[3] ?? new URL('../..', import.meta.url).pathname;
const { splitParagraphs } = await import(`${root}/src/core/ingest/split-paragraphs.ts`);
const { createRulePropositionizer } = await import(`${root}/src/core/ingest/rule-propositionizer.ts`);
const db = new Database(`${process.argv[2]}/propo.sqlite`, { readonly: true });
const docs = db.prepare('SELECT id, file FROM documents ORDER BY id').all() as Array<{ id: string; file: string }>;
const pagesOf = db.prepare('SELECT number, text FROM pages WHERE document_id = ? ORDER BY number');
const prop = createRulePropositionizer();
const h = createHash('sha256'); let count = 0; let paras = 0;
const c0 = process.cpuUsage();
for (let rep = 0; rep < Number(process.env.REPS ?? 1); rep++) for (const d of docs) {
  const pages = pagesOf.all(d.id) as Array<{ number: number; text: string }>;
  const paragraphs = pages.flatMap((p) => splitParagraphs(d.id, p));
  const texts = new Map(pages.map((p) => [p.number, p.text]));
  const out = await prop.propositionize(paragraphs, (n: number) => texts.get(n) ?? '', { file: d.file });
  if (rep === 0) { for (const p of paragraphs) h.update(`${p.id}|${p.start}|${p.end}|${p.ordinal}\n`); for (const p of out) h.update(`${p.id}|${p.page}|${p.start}|${p.end}|${p.text}|${p.paragraphId}\n`); count += out.length; paras += paragraphs.length; }
}
const c = process.cpuUsage(c0);
console.log(root, 'paragraphs', paras, 'propositions', count, h.digest('hex').slice(0, 16), 'cpu', ((c.user + c.system) / 1e6).toFixed(2));
