/**
 * Exact top-k BM25 over one unit's rows without scoring every match (decision 0090): an in-memory
 * inverted index (postings as typed arrays, keyed by the SQLite row number `n`) searched with
 * MaxScore. Its scores are FTS5's `bm25()` bit for bit — the same terms (FTS5's own tokenizer
 * produced them, see fts-tokens.ts), k1 1.2, b 0.75, idf = ln((N − n + 0.5)/(n + 0.5)) floored at
 * 1e-6, document length = all tokens, one phrase per distinct query word summed in query order —
 * so the ranking is FTS5's, with ties in row-number order. It is derived data: built from SQLite on
 * first use and kept in step by `UnitTable.catchUp` (new rows by row number, deletions by the log).
 */

import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';

const K1 = 1.2;
const B = 0.75;
/** Upper bounds are inflated by this factor so rounding never prunes a document that would rank. */
const BOUND_SLACK = 1 + 1e-9;

interface Postings { docs: Int32Array; tfs: Int32Array; size: number; maxTf: number; minLength: number }

export interface LexicalHit { n: number; score: number }

export class LexicalIndex {
  /** Rows and deletions seen (the same marks as the dense index's, kept separately). */
  watermark = 0;
  goneMark = 0;
  #terms = new Map<string, number>();
  #postings: Postings[] = [];
  #df: Int32Array = new Int32Array(1024);
  #length: Int32Array = new Int32Array(1024);
  #alive: Uint8Array = new Uint8Array(1024);
  #forwardStart: Int32Array = new Int32Array(1024);
  #forwardCount: Int32Array = new Int32Array(1024);
  #forward: Int32Array = new Int32Array(4096);
  #forwardUsed = 0;
  #rows = 0;
  #tokens = 0;
  readonly #log: (x: number) => number;

  /**
   * `log` is the natural logarithm used for idf; pass SQLite's `ln()` (the C library's `log`, which FTS5
   * uses) so idf is FTS5's to the last bit — V8's Math.log differs in the last place for ≈ 2.5 % of inputs,
   * enough to reorder documents whose scores are mathematically equal.
   */
  constructor(log: (x: number) => number = Math.log) {
    this.#log = log;
  }

  /** Live rows (FTS5's nRow) and their total tokens (its nToken). */
  get rows(): number { return this.#rows; }
  get tokens(): number { return this.#tokens; }

  /** Approximate bytes held by the typed arrays (reported in docs/benchmarks.md). */
  get bytes(): number {
    let total = this.#df.byteLength + this.#length.byteLength + this.#alive.byteLength + this.#forwardStart.byteLength + this.#forwardCount.byteLength + this.#forward.byteLength;
    for (const p of this.#postings) total += p.docs.byteLength + p.tfs.byteLength;
    return total;
  }

  /** Adds row `n` (higher than every row added before) with its term frequencies (possibly none). */
  add(n: number, terms: ReadonlyMap<string, number>): void {
    if (n >= this.#alive.length) this.#growRows(n + 1);
    if (this.#alive[n] === 1) return;
    let length = 0;
    for (const tf of terms.values()) length += tf;
    if (this.#forwardUsed + terms.size > this.#forward.length) this.#forward = grown(this.#forward, Math.max(this.#forwardUsed + terms.size, this.#forward.length * 2));
    this.#forwardStart[n] = this.#forwardUsed;
    this.#forwardCount[n] = terms.size;
    for (const [term, tf] of terms) {
      const id = this.#termId(term);
      const postings = this.#postings[id] as Postings;
      if (postings.size === postings.docs.length) {
        postings.docs = grown(postings.docs, Math.max(4, postings.size * 2));
        postings.tfs = grown(postings.tfs, Math.max(4, postings.size * 2));
      }
      postings.docs[postings.size] = n;
      postings.tfs[postings.size] = tf;
      postings.size += 1;
      if (tf > postings.maxTf) postings.maxTf = tf;
      if (length < postings.minLength) postings.minLength = length;
      this.#df[id] = (this.#df[id] as number) + 1;
      this.#forward[this.#forwardUsed++] = id;
    }
    this.#alive[n] = 1;
    this.#length[n] = length;
    this.#rows += 1;
    this.#tokens += length;
  }

  /**
   * Bulk load, term by term (the order of FTS5's 'instance' table): one token of `term` in row `n`;
   * rows of one term come in increasing n. Call `finishLoad` with every row number afterwards.
   */
  loadToken(term: string, n: number): void {
    const id = this.#termId(term);
    const postings = this.#postings[id] as Postings;
    const last = postings.size - 1;
    if (last >= 0 && postings.docs[last] === n) { postings.tfs[last] = (postings.tfs[last] as number) + 1; return; }
    if (postings.size === postings.docs.length) {
      postings.docs = grown(postings.docs, Math.max(4, postings.size * 2));
      postings.tfs = grown(postings.tfs, Math.max(4, postings.size * 2));
    }
    postings.docs[postings.size] = n;
    postings.tfs[postings.size] = 1;
    postings.size += 1;
  }

  /** Ends a bulk load: every live row (with or without tokens) becomes searchable; lengths, bounds and the forward index are derived. */
  finishLoad(rows: readonly number[]): void {
    const top = rows.reduce((a, b) => Math.max(a, b), 0);
    if (top >= this.#alive.length) this.#growRows(top + 1);
    for (const n of rows) { this.#alive[n] = 1; this.#rows += 1; }
    let pairs = 0;
    for (const p of this.#postings) {
      for (let i = 0; i < p.size; i++) {
        const n = p.docs[i] as number;
        const tf = p.tfs[i] as number;
        this.#length[n] = (this.#length[n] as number) + tf;
        this.#forwardCount[n] = (this.#forwardCount[n] as number) + 1;
        this.#tokens += tf;
        if (tf > p.maxTf) p.maxTf = tf;
      }
      pairs += p.size;
    }
    this.#forward = new Int32Array(Math.max(4096, pairs * 1.25));
    const fill = new Int32Array(this.#alive.length);
    for (let n = 0, at = 0; n < this.#alive.length; n++) { this.#forwardStart[n] = at; fill[n] = at; at += this.#forwardCount[n] as number; }
    this.#forwardUsed = pairs;
    this.#postings.forEach((p, id) => {
      this.#df[id] = p.size;
      for (let i = 0; i < p.size; i++) {
        const n = p.docs[i] as number;
        const length = this.#length[n] as number;
        if (length < p.minLength) p.minLength = length;
        this.#forward[fill[n] as number] = id;
        fill[n] = (fill[n] as number) + 1;
      }
    });
  }

  /** Removes row `n` (a no-op when it was never added or is already gone). Its postings stay, skipped as dead. */
  remove(n: number): void {
    if (n >= this.#alive.length || this.#alive[n] !== 1) return;
    this.#alive[n] = 0;
    this.#rows -= 1;
    this.#tokens -= this.#length[n] as number;
    const start = this.#forwardStart[n] as number;
    const end = start + (this.#forwardCount[n] as number);
    for (let i = start; i < end; i++) {
      const id = this.#forward[i] as number;
      this.#df[id] = (this.#df[id] as number) - 1;
    }
  }

  /**
   * The k best live rows accepted by `accept` for a query whose phrases are `phrases` (one term each,
   * in FTS5 query order), best first, ties by row number. MaxScore: terms sorted by their score bound;
   * once the k-th score exceeds the sum of the lowest bounds, those terms no longer start candidates
   * and are only looked up (galloping) for documents the others found, while the bound still allows them to rank.
   */
  search(phrases: readonly string[], k: number, accept: (n: number) => boolean): LexicalHit[] {
    if (k <= 0 || this.#rows === 0) return [];
    const avgdl = this.#tokens / this.#rows;
    const distinct = [...new Set(phrases)].flatMap((term) => {
      const id = this.#terms.get(term);
      return id === undefined || (this.#df[id] as number) <= 0 ? [] : [id];
    });
    if (distinct.length === 0) return [];
    const m = distinct.length;
    const slot = new Map(distinct.map((id, i) => [id, i]));
    const phraseSlots = phrases.map((term) => { const id = this.#terms.get(term); return id === undefined ? -1 : slot.get(id) ?? -1; });
    const multiplicity = new Float64Array(m);
    for (const s of phraseSlots) if (s >= 0) multiplicity[s] = (multiplicity[s] as number) + 1;
    const idf = new Float64Array(m);
    const bound = new Float64Array(m);
    distinct.forEach((id, i) => {
      const nHit = this.#df[id] as number;
      let value = this.#log((this.#rows - nHit + 0.5) / (nHit + 0.5));
      if (value <= 0.0) value = 1e-6;
      idf[i] = value;
      const p = this.#postings[id] as Postings;
      bound[i] = (multiplicity[i] as number) * value * ((p.maxTf * (K1 + 1.0)) / (p.maxTf + K1 * (1 - B + B * p.minLength / avgdl))) * BOUND_SLACK;
    });
    // Terms in increasing bound order; cumulative[i] bounds a document matching only terms order[0..i].
    const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => (bound[a] as number) - (bound[b] as number));
    const lists = order.map((i) => this.#postings[distinct[i] as number] as Postings);
    const cumulative = new Float64Array(m);
    let running = 0;
    for (let j = 0; j < m; j++) { running += bound[order[j] as number] as number; cumulative[j] = running; }
    const position = new Int32Array(m);
    const values = new Float64Array(m); // this document's contribution per term slot (in `distinct` order)
    const heap = new TopK(k);
    let threshold = -Infinity;
    let firstEssential = 0;
    const alive = this.#alive;
    const lengths = this.#length;
    for (;;) {
      let d = 2147483647;
      for (let j = firstEssential; j < m; j++) {
        const list = lists[j] as Postings;
        const at = position[j] as number;
        if (at < list.size && (list.docs[at] as number) < d) d = list.docs[at] as number;
      }
      if (d === 2147483647) break;
      const live = alive[d] === 1 && accept(d);
      const D = lengths[d] as number;
      let partial = 0;
      values.fill(0);
      for (let j = firstEssential; j < m; j++) {
        const list = lists[j] as Postings;
        const at = position[j] as number;
        if (at < list.size && list.docs[at] === d) {
          position[j] = at + 1;
          if (!live) continue;
          const tf = list.tfs[at] as number;
          const s = order[j] as number;
          const value = (idf[s] as number) * ((tf * (K1 + 1.0)) / (tf + K1 * (1 - B + B * D / avgdl)));
          values[s] = value;
          partial += (multiplicity[s] as number) * value;
        }
      }
      if (!live) continue;
      let pruned = false;
      for (let j = firstEssential - 1; j >= 0; j--) {
        if (partial + (cumulative[j] as number) < threshold) { pruned = true; break; }
        const list = lists[j] as Postings;
        const at = seek(list, position[j] as number, d);
        position[j] = at;
        if (at < list.size && list.docs[at] === d) {
          const tf = list.tfs[at] as number;
          const s = order[j] as number;
          const value = (idf[s] as number) * ((tf * (K1 + 1.0)) / (tf + K1 * (1 - B + B * D / avgdl)));
          values[s] = value;
          partial += (multiplicity[s] as number) * value;
        }
      }
      if (pruned) continue;
      // Summed phrase by phrase in query order, as FTS5 does, so equal documents get equal scores.
      let score = 0;
      for (const s of phraseSlots) score += s < 0 ? 0 : values[s] as number;
      if (heap.offer(score, d)) {
        threshold = heap.full ? heap.worstScore : -Infinity;
        while (firstEssential < m && (cumulative[firstEssential] as number) < threshold) firstEssential += 1;
      }
    }
    return heap.sorted();
  }

  /**
   * The index as a compact binary file (lexical-file.ts writes it): little-endian typed arrays behind a 128-byte
   * header, compacted — deleted rows' postings and forward entries are dropped, so a saved index holds live rows
   * only (score bounds are kept: still upper bounds). The last 4 bytes are a checksum of the rest. Null when a
   * term contains U+0000 (the separator of the term list; FTS5's unicode61 tokenizer never emits one).
   */
  serialize(): Uint8Array[] | null {
    const terms = [...this.#terms.keys()];
    if (terms.some((term) => term.includes('\0'))) return null;
    const alive = this.#alive;
    let top = 0;
    for (let n = alive.length - 1; n > 0; n--) if (alive[n] === 1) { top = n; break; }
    const rowSlots = top + 1;
    const count = terms.length;
    const size = new Int32Array(count);
    let pairs = 0;
    this.#postings.forEach((p, id) => {
      let live = 0;
      for (let i = 0; i < p.size; i++) if (alive[p.docs[i] as number] === 1) live += 1;
      size[id] = live;
      pairs += live;
    });
    const docs = new Int32Array(pairs);
    const tfs = new Int32Array(pairs);
    const maxTf = new Int32Array(count);
    const minLength = new Int32Array(count);
    let at = 0;
    this.#postings.forEach((p, id) => {
      maxTf[id] = p.maxTf;
      minLength[id] = p.minLength;
      for (let i = 0; i < p.size; i++) {
        const n = p.docs[i] as number;
        if (alive[n] !== 1) continue;
        docs[at] = n;
        tfs[at] = p.tfs[i] as number;
        at += 1;
      }
    });
    const forwardStart = new Int32Array(rowSlots);
    const forwardCount = new Int32Array(rowSlots);
    const forward = new Int32Array(pairs);
    for (let n = 0, used = 0; n < rowSlots; n++) {
      forwardStart[n] = used;
      if (alive[n] !== 1) continue;
      const start = this.#forwardStart[n] as number;
      const k = this.#forwardCount[n] as number;
      forward.set(this.#forward.subarray(start, start + k), used);
      forwardCount[n] = k;
      used += k;
    }
    const termBytes = new TextEncoder().encode(terms.join('\0'));
    const header = new Float64Array(HEADER_SLOTS);
    header.set([FILE_MAGIC, FILE_VERSION, rowSlots, count, pairs, termBytes.byteLength, this.#rows, this.#tokens, this.watermark, this.goneMark]);
    const lengths = this.#length.slice(0, rowSlots);
    const live = alive.slice(0, rowSlots);
    const chunks: Uint8Array[] = [header, this.#df.slice(0, count), maxTf, minLength, size, docs, tfs, lengths, forwardStart, forwardCount, forward, live, termBytes]
      .map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    const tail = new Uint8Array(4);
    new DataView(tail.buffer).setUint32(0, checksum(chunks), true);
    chunks.push(tail);
    return chunks;
  }

  /** Reads `serialize`'s output; throws when it is not a complete, undamaged file of this format. */
  static deserialize(bytes: Uint8Array, log: (x: number) => number = Math.log): LexicalIndex {
    if (bytes.byteLength < HEADER_SLOTS * 8 + 4) throw new Error('BM25 index file is truncated');
    const body = bytes.subarray(0, bytes.byteLength - 4);
    const stored = new DataView(bytes.buffer, bytes.byteOffset + body.byteLength, 4).getUint32(0, true);
    if (checksum([body]) !== stored) throw new Error('BM25 index file fails its checksum');
    // Typed-array views need aligned offsets: copy when the bytes do not start on an 8-byte boundary.
    const own = bytes.byteOffset % 8 === 0 ? body : body.slice();
    const header = new Float64Array(own.buffer, own.byteOffset, HEADER_SLOTS);
    const [magic, version, rowSlots, count, pairs, termLength, rows, tokens, watermark, goneMark] = header as unknown as number[];
    if (magic !== FILE_MAGIC || version !== FILE_VERSION) throw new Error('BM25 index file has another format');
    const ints = [count, count, count, count, pairs, pairs, rowSlots, rowSlots, rowSlots, pairs] as number[];
    const expected = HEADER_SLOTS * 8 + ints.reduce((a, b) => a + b * 4, 0) + (rowSlots as number) + (termLength as number);
    if (ints.some((v) => !Number.isInteger(v) || v < 0) || expected !== own.byteLength) throw new Error('BM25 index file has inconsistent sizes');
    let offset = own.byteOffset + HEADER_SLOTS * 8;
    const next = (length: number): Int32Array => { const a = new Int32Array(own.buffer, offset, length); offset += length * 4; return a; };
    const [df, maxTf, minLength, size, docs, tfs, lengths, forwardStart, forwardCount, forward] = ints.map(next) as Int32Array[];
    const alive = new Uint8Array(own.buffer, offset, rowSlots as number);
    offset += rowSlots as number;
    const terms = new TextDecoder().decode(new Uint8Array(own.buffer, offset, termLength as number)).split('\0');
    if ((count as number) === 0 ? terms.length !== 1 || terms[0] !== '' : terms.length !== count) throw new Error('BM25 index file has a damaged term list');
    const index = new LexicalIndex(log);
    index.#postings = [];
    for (let id = 0, at = 0; id < (count as number); id++) {
      const s = (size as Int32Array)[id] as number;
      if (at + s > (pairs as number)) throw new Error('BM25 index file has damaged postings');
      index.#terms.set(terms[id] as string, id);
      index.#postings.push({ docs: (docs as Int32Array).subarray(at, at + s), tfs: (tfs as Int32Array).subarray(at, at + s), size: s, maxTf: (maxTf as Int32Array)[id] as number, minLength: (minLength as Int32Array)[id] as number });
      at += s;
    }
    for (let i = 0; i < (pairs as number); i++) {
      const n = (docs as Int32Array)[i] as number;
      if (n < 0 || n >= (rowSlots as number) || alive[n] !== 1) throw new Error('BM25 index file has damaged postings');
    }
    index.#df = df as Int32Array;
    index.#length = lengths as Int32Array;
    index.#alive = alive;
    index.#forwardStart = forwardStart as Int32Array;
    index.#forwardCount = forwardCount as Int32Array;
    index.#forward = forward as Int32Array;
    index.#forwardUsed = pairs as number;
    index.#rows = rows as number;
    index.#tokens = tokens as number;
    index.watermark = watermark as number;
    index.goneMark = goneMark as number;
    return index;
  }

  #termId(term: string): number {
    let id = this.#terms.get(term);
    if (id === undefined) {
      id = this.#postings.length;
      this.#terms.set(term, id);
      this.#postings.push({ docs: new Int32Array(4), tfs: new Int32Array(4), size: 0, maxTf: 0, minLength: 2147483647 });
      if (id >= this.#df.length) this.#df = grown(this.#df, this.#df.length * 2);
    }
    return id;
  }

  #growRows(min: number): void {
    const size = Math.max(min, this.#alive.length * 2);
    this.#length = grown(this.#length, size);
    this.#alive = grown(this.#alive, size);
    this.#forwardStart = grown(this.#forwardStart, size);
    this.#forwardCount = grown(this.#forwardCount, size);
  }
}

const HEADER_SLOTS = 16;
/** "PBM1" (Propo BM25, little-endian); a big-endian reader sees another number and rebuilds. */
const FILE_MAGIC = 0x314d4250;
const FILE_VERSION = 1;

/** CRC-32 of the chunks (zlib's, from Node 20.15; before that the first 4 bytes of their SHA-1). */
function checksum(chunks: readonly Uint8Array[]): number {
  const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
  if (crc32 !== undefined) return chunks.reduce((value, chunk) => crc32(chunk, value), 0);
  const hash = createHash('sha1');
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest().readUInt32LE(0);
}

function grown<T extends Int32Array | Uint8Array>(old: T, size: number): T {
  const next = new (old.constructor as new (n: number) => T)(size);
  next.set(old);
  return next;
}

/** First position ≥ `from` whose document is ≥ d (galloping, then binary search). */
function seek(list: Postings, from: number, d: number): number {
  const docs = list.docs;
  if (from >= list.size || (docs[from] as number) >= d) return from;
  let step = 1;
  let low = from;
  let high = from + 1;
  while (high < list.size && (docs[high] as number) < d) { low = high; step *= 2; high = from + step; }
  if (high > list.size) high = list.size;
  while (low + 1 < high) {
    const mid = (low + high) >>> 1;
    if ((docs[mid] as number) < d) low = mid; else high = mid;
  }
  return high;
}

/** The k best (score, n) pairs: a binary min-heap whose root is the worst (lowest score, then highest n). */
class TopK {
  readonly #k: number;
  readonly #scores: Float64Array;
  readonly #ns: Int32Array;
  #size = 0;

  constructor(k: number) {
    this.#k = k;
    this.#scores = new Float64Array(k);
    this.#ns = new Int32Array(k);
  }

  get full(): boolean { return this.#size === this.#k; }
  get worstScore(): number { return this.#scores[0] as number; }

  /** Offers a document; documents come in increasing n, so a tie with the worst loses. */
  offer(score: number, n: number): boolean {
    if (this.#size < this.#k) {
      let i = this.#size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.#worse(score, n, parent)) break;
        this.#scores[i] = this.#scores[parent] as number;
        this.#ns[i] = this.#ns[parent] as number;
        i = parent;
      }
      this.#scores[i] = score;
      this.#ns[i] = n;
      return true;
    }
    if (!(score > (this.#scores[0] as number))) return false;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.#size) break;
      const right = left + 1;
      const child = right < this.#size && this.#worseAt(right, left) ? right : left;
      if (!this.#worseAtThan(child, score, n)) break;
      this.#scores[i] = this.#scores[child] as number;
      this.#ns[i] = this.#ns[child] as number;
      i = child;
    }
    this.#scores[i] = score;
    this.#ns[i] = n;
    return true;
  }

  sorted(): LexicalHit[] {
    const out: LexicalHit[] = [];
    for (let i = 0; i < this.#size; i++) out.push({ n: this.#ns[i] as number, score: this.#scores[i] as number });
    return out.sort((a, b) => b.score - a.score || a.n - b.n);
  }

  /** (score, n) is worse than the entry at i. */
  #worse(score: number, n: number, i: number): boolean {
    const other = this.#scores[i] as number;
    return score < other || (score === other && n > (this.#ns[i] as number));
  }

  #worseAt(i: number, j: number): boolean { return this.#worse(this.#scores[i] as number, this.#ns[i] as number, j); }

  /** The entry at i is worse than (score, n). */
  #worseAtThan(i: number, score: number, n: number): boolean {
    const own = this.#scores[i] as number;
    return own < score || (own === score && (this.#ns[i] as number) > n);
  }
}
