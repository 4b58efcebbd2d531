/**
 * Arrow schema of the LanceDB proposition table and the conversions between `VectorRecord`s
 * and Arrow data. The index identity (embedder + dimensions) lives in the schema metadata, so it
 * is written atomically with the table and travels with it in backups and clones.
 */
import { createRequire } from 'node:module';
import type * as Arrow from 'apache-arrow';
import type { Data, Schema, Table as ArrowTable } from 'apache-arrow';
import type { IndexIdentity } from '../../../core/ports/index.ts';
import type { RetrievalUnit, VectorRecord } from '../../../core/domain/index.ts';

// LanceDB is CommonJS and checks `instanceof` against its own apache-arrow; an ESM `import` would
// load a second copy (Arrow.node.mjs) whose objects fail those checks, so use the CommonJS copy.
const arrow = createRequire(import.meta.url)('apache-arrow') as typeof Arrow;
const { DataType, Field, FixedSizeList, Float32, Int32, RecordBatch, Struct, Utf8, makeData, vectorFromArray } = arrow;

const EMBEDDER_KEY = 'propo.embedder';
const DIMENSIONS_KEY = 'propo.dimensions';

/** Columns returned with search hits: everything but the vector. */
export const METADATA_COLUMNS = [
  'id', 'documentId', 'namespace', 'text', 'unit', 'page', 'start', 'end', 'paragraphId', 'file', 'expert',
] as const;

/** The explicit table schema for `identity`, carrying the identity as schema metadata. */
export function recordSchema(identity: IndexIdentity): Schema {
  const utf8 = (name: string, nullable = false): Arrow.Field => new Field(name, new Utf8(), nullable);
  const int32 = (name: string): Arrow.Field => new Field(name, new Int32(), false);
  return new arrow.Schema(
    [
      utf8('id'), utf8('documentId'), utf8('namespace'), utf8('text'),
      new Field('vector', new FixedSizeList(identity.dimensions, new Field('item', new Float32(), true)), false),
      utf8('unit'), int32('page'), int32('start'), int32('end'), utf8('paragraphId'), utf8('file'),
      utf8('expert', true),
    ],
    new Map([[EMBEDDER_KEY, identity.embedder], [DIMENSIONS_KEY, String(identity.dimensions)]]),
  );
}

/**
 * Reads the identity recorded in a table schema. Falls back to the vector column width with an
 * unknown embedder name when the metadata is missing (a table not created by Propo).
 */
export function identityFromSchema(schema: Schema): IndexIdentity {
  const embedder = schema.metadata.get(EMBEDDER_KEY);
  const dimensions = Number(schema.metadata.get(DIMENSIONS_KEY));
  if (embedder !== undefined && Number.isInteger(dimensions)) return { embedder, dimensions };
  // The schema may come from LanceDB's CommonJS copy of apache-arrow: compare type ids, not classes.
  const vectorType: Arrow.DataType | undefined = schema.fields.find((field) => field.name === 'vector')?.type;
  const width = vectorType !== undefined && DataType.isFixedSizeList(vectorType) ? vectorType.listSize : 0;
  return { embedder: '(unknown)', dimensions: width };
}

/** Builds one Arrow table in `schema` (from `recordSchema`) from records whose vectors have the schema's width. */
export function recordsToArrow(records: readonly VectorRecord[], schema: Schema): ArrowTable {
  const vectorField = schema.fields.find((field) => field.name === 'vector');
  if (vectorField === undefined || !DataType.isFixedSizeList(vectorField.type)) {
    throw new Error('recordsToArrow: schema has no FixedSizeList vector column');
  }
  const dimensions = vectorField.type.listSize;
  const flat = new Float32Array(records.length * dimensions);
  records.forEach((record, index) => flat.set(record.vector, index * dimensions));
  const strings = (pick: (record: VectorRecord) => string | null): Data<Arrow.Utf8> => {
    const data = vectorFromArray(records.map(pick), new Utf8()).data;
    if (data.length !== 1 || data[0] === undefined) throw new Error('recordsToArrow: expected one utf8 chunk');
    return data[0];
  };
  const ints = (pick: (record: VectorRecord) => number): Data<Arrow.Int32> =>
    makeData({ type: new Int32(), data: Int32Array.from(records, pick) });
  const vector = makeData({
    type: vectorField.type,
    length: records.length,
    nullCount: 0,
    child: makeData({ type: new Float32(), data: flat }),
  });
  const columns = {
    id: strings((record) => record.id),
    documentId: strings((record) => record.documentId),
    namespace: strings((record) => record.namespace),
    text: strings((record) => record.text),
    vector,
    unit: strings((record) => record.unit),
    page: ints((record) => record.page),
    start: ints((record) => record.start),
    end: ints((record) => record.end),
    paragraphId: strings((record) => record.paragraphId),
    file: strings((record) => record.file),
    expert: strings((record) => record.expert ?? null),
  };
  const children: Data[] = schema.fields.map((field) => columns[field.name as keyof typeof columns]);
  const struct = makeData({ type: new Struct(schema.fields), length: records.length, nullCount: 0, children });
  return new arrow.Table(new RecordBatch(schema, struct));
}

/** Converts a row object returned by a LanceDB query into record metadata (and vector if selected). */
export function rowToRecord(row: Record<string, unknown>): VectorRecord {
  const text = (key: string): string => String(row[key] ?? '');
  const expert = row['expert'];
  return {
    id: text('id'),
    documentId: text('documentId'),
    namespace: text('namespace'),
    text: text('text'),
    vector: toFloat32(row['vector']),
    unit: text('unit') as RetrievalUnit,
    page: Number(row['page']),
    start: Number(row['start']),
    end: Number(row['end']),
    paragraphId: text('paragraphId'),
    file: text('file'),
    expert: typeof expert === 'string' ? expert : null,
  };
}

function toFloat32(value: unknown): Float32Array {
  if (value instanceof Float32Array) return value;
  if (value !== null && typeof value === 'object' && 'toArray' in value && typeof value.toArray === 'function') {
    const array: unknown = value.toArray();
    if (array instanceof Float32Array) return Float32Array.from(array);
    if (Array.isArray(array)) return Float32Array.from(array as number[]);
  }
  return new Float32Array(0);
}
