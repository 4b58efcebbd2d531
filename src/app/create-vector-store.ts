/**
 * Vector-store registry: an explicit switch over configured providers; unknown is a typed error. Each provider's
 * module (and its SDK: usearch, LanceDB, Pinecone) is imported only when that store is created (decision 0031).
 */
import { join } from 'node:path';
import type { PropoConfig } from '../core/config/index.ts';
import { PropoError } from '../core/errors/index.ts';
import type { VectorStore } from '../core/ports/index.ts';
import type { Db } from '../providers/stores/sqlite/index.ts';

/**
 * `connection`: the app's open database, shared by the SQLite store instead of opening a second connection;
 * `warn`: where the SQLite store reports a saved BM25 index it could not use (the app's logger).
 */
export async function createVectorStore(config: PropoConfig, table?: string, provider: string = config.vectorStore.provider, connection?: Db,
  warn?: (fields: Record<string, unknown>, message: string) => void): Promise<VectorStore> {
  switch (provider) {
    case 'sqlite': {
      // Rows, BM25 (FTS5) and vectors in the app database; HNSW from 20k rows per unit (decision 0010).
      const { createSqliteVectorStore } = await import('../providers/stores/sqlite-index/index.ts');
      return createSqliteVectorStore({ file: join(config.dataDir, 'propo.sqlite'), ...(table ? { table } : {}), ...(connection ? { connection } : {}), ...(warn ? { warn } : {}) });
    }
    case 'lancedb': {
      // No automatic ANN index: building it inside an upsert blocked writes for minutes at 100k
      // rows (docs/benchmarks.md); exact search is used, which is fast at personal-library sizes.
      // Propositions and paragraphs live in separate tables, each with its own BM25 statistics.
      const { createLanceDbUnitTablesStore } = await import('../providers/stores/lancedb/index.ts');
      return createLanceDbUnitTablesStore({ dir: join(config.dataDir, 'lancedb'), vectorIndexThreshold: Number.POSITIVE_INFINITY, ...(table ? { table } : {}) });
    }
    case 'pinecone': {
      const { createPineconeStoreFromConfig } = await import('../providers/stores/pinecone/index.ts');
      return createPineconeStoreFromConfig(config);
    }
    default:
      throw new PropoError('PROPO_ERR_CONFIG_INVALID', `Vector store "${provider}" is not available. Use VECTOR_STORE=sqlite, lancedb or pinecone.`);
  }
}
