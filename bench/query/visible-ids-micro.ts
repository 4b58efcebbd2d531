/** bench/query/visible-ids-micro.ts: CPU of reading + fingerprinting 5,000 visible document ids 4× per query vs 4 change-token checks (decision 0055). */
import Database from 'better-sqlite3';
import { idSetVersion } from '../../src/core/retrieval/lexical/corpus-statistics.ts';
const db = new Database(':memory:');
db.exec("CREATE TABLE documents (id TEXT PRIMARY KEY, status TEXT)");
const ins = db.prepare('INSERT INTO documents VALUES (?, ?)');
db.transaction(() => { for (let i = 0; i < 5000; i++) ins.run(`doc-${i.toString(16).padStart(16, '0')}${'x'.repeat(48)}`, 'ingested'); })();
const sel = db.prepare("SELECT id FROM documents WHERE status = 'ingested'");
const tc = db.prepare('SELECT total_changes()').pluck();
const R = 300;
let c = process.cpuUsage();
for (let r = 0; r < R; r++) { for (let k = 0; k < 3; k++) new Set((sel.all() as { id: string }[]).map((x) => x.id)); idSetVersion(new Set((sel.all() as { id: string }[]).map((x) => x.id))); }
let d = process.cpuUsage(c); console.log('before: 4 reads + hash per query, 5000 docs: cpu ms/query', ((d.user + d.system) / 1000 / R).toFixed(3));
c = process.cpuUsage();
for (let r = 0; r < R; r++) { for (let k = 0; k < 4; k++) { db.pragma('data_version', { simple: true }); tc.get(); } }
d = process.cpuUsage(c); console.log('after: 4 change-token checks per query: cpu ms/query', ((d.user + d.system) / 1000 / R).toFixed(3));
