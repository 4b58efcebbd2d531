/** Guards that keep one index to one embedder: vectors of another width or model never mix. */
import { PropoError } from '../../../core/errors/index.ts';
import type { IndexIdentity } from '../../../core/ports/index.ts';
import type { VectorRecord } from '../../../core/domain/index.ts';

const REINDEX_HINT = 'Run `bin/propo reindex` to rebuild the index with the configured embedder.';

/** Throws PROPO_ERR_EMBEDDER_MISMATCH when the stored identity differs from the configured one. */
export function assertSameIdentity(stored: IndexIdentity, configured: IndexIdentity, where: string): void {
  if (stored.embedder === configured.embedder && stored.dimensions === configured.dimensions) return;
  throw new PropoError(
    'PROPO_ERR_EMBEDDER_MISMATCH',
    `The index at ${where} was built by embedder "${stored.embedder}" (${stored.dimensions} dimensions) ` +
      `but the configured embedder is "${configured.embedder}" (${configured.dimensions} dimensions). ${REINDEX_HINT}`,
    { details: { stored, configured } },
  );
}

/** Throws PROPO_ERR_EMBEDDER_MISMATCH when a vector does not have the index's dimensions. */
export function assertVectorDimensions(record: Pick<VectorRecord, 'id' | 'vector'>, identity: IndexIdentity): void {
  if (record.vector.length === identity.dimensions) return;
  throw new PropoError(
    'PROPO_ERR_EMBEDDER_MISMATCH',
    `Vector "${record.id}" has ${record.vector.length} dimensions but the index holds ${identity.dimensions}-dimensional ` +
      `vectors from embedder "${identity.embedder}". ${REINDEX_HINT}`,
  );
}
