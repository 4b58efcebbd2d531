/**
 * How a corpus record becomes a TXT document: `title + "\n\n" + text`, named `<id>.txt`.
 * The body starts at `title.length + 2`, so a span in the page maps back to corpus-text offsets
 * by subtracting that offset (a span inside the title maps to negative offsets and matches no gold span).
 */
import type { CorpusRecord } from './eval-types.ts';

export interface CorpusDocument {
  corpusId: string;
  fileName: string;
  text: string;
  /** Offset of corpus `text` inside the document text. */
  bodyOffset: number;
}

const SAFE_NAME = /^[A-Za-z0-9._-]{1,180}$/;

/** Builds the TXT document of one corpus record; ids that are not file-name safe are hex-encoded. */
export function toCorpusDocument(record: CorpusRecord): CorpusDocument {
  const stem = SAFE_NAME.test(record.id) && !record.id.startsWith('.') ? record.id : `x-${Buffer.from(record.id, 'utf8').toString('hex').slice(0, 170)}`;
  return { corpusId: record.id, fileName: `${stem}.txt`, text: `${record.title}\n\n${record.text}`, bodyOffset: record.title.length + 2 };
}
