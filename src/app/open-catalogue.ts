/**
 * The document catalogue alone: the SQLite database with its document and collection tables, without the
 * providers (embedder, LLM, vector store, caches, audit log, metrics) and without crash recovery. For read-only
 * commands that only list what is stored (`docs list`): they load ~80 fewer modules and skip the embedder
 * resolution and the vector store's open (issue 17, decision 0131). Pending rows an ingestion left are not
 * listed (DocumentRepository.list hides them); the next full open recovers them.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PropoConfig } from '../core/config/index.ts';
import { CollectionRepository } from '../providers/stores/sqlite/collection-repository.ts';
import { DocumentRepository } from '../providers/stores/sqlite/document-repository.ts';
import { openDatabase } from '../providers/stores/sqlite/open-database.ts';

export interface Catalogue {
  config: PropoConfig;
  documents: DocumentRepository;
  collections: CollectionRepository;
  close(): void;
}

export function openCatalogue(config: PropoConfig): Catalogue {
  mkdirSync(config.dataDir, { recursive: true });
  const db = openDatabase(join(config.dataDir, 'propo.sqlite'));
  return { config, documents: new DocumentRepository(db), collections: new CollectionRepository(db), close: () => db.close() };
}
