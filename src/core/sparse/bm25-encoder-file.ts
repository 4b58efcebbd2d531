/**
 * Persistence of the BM25 encoder as JSON in the data directory (e.g. `data/bm25-encoder.json`).
 * Writes go to a temporary file that is renamed over the old one, so a crash never leaves half a file.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PropoError } from '../errors/index.ts';
import { Bm25Encoder, type Bm25EncoderState } from './bm25-encoder.ts';

/** Loads the encoder at `path`, or returns a new, empty one when the file does not exist. */
export async function loadBm25Encoder(path: string): Promise<Bm25Encoder> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Bm25Encoder();
    throw error;
  }
  const state = JSON.parse(text) as Partial<Bm25EncoderState>;
  if (state.version !== 1 || typeof state.documents !== 'number' || typeof state.df !== 'object' || state.df === null) {
    throw new PropoError('PROPO_ERR_CONFIG_INVALID', `The BM25 encoder file ${path} is not a version-1 encoder. Delete it and run \`bin/propo reindex\` to refit.`);
  }
  return Bm25Encoder.fromJSON(state as Bm25EncoderState);
}

/** Saves the encoder atomically (temp file + rename). */
export async function saveBm25Encoder(encoder: Bm25Encoder, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(encoder.toJSON()));
  await rename(temporary, path);
}
