/**
 * A minimal ONNX ModelProto encoder (protobuf wire format written by hand) so tests can build a tiny model
 * without Python or the onnx package. Field numbers follow onnx/onnx.proto (IR version 7, opset 13).
 */

const DATA_TYPE = { float: 1, int64: 7 } as const;
export type OnnxDataType = keyof typeof DATA_TYPE;

/** Append-only protobuf writer: varints, length-delimited fields and nested messages. */
class ProtoWriter {
  private readonly chunks: number[] = [];

  private varint(value: number | bigint): void {
    let rest = BigInt.asUintN(64, BigInt(value));
    do {
      let byte = Number(rest & 0x7fn);
      rest >>= 7n;
      if (rest !== 0n) byte |= 0x80;
      this.chunks.push(byte);
    } while (rest !== 0n);
  }

  int(field: number, value: number): this {
    this.varint((field << 3) | 0);
    this.varint(value);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.varint((field << 3) | 2);
    this.varint(value.length);
    for (const byte of value) this.chunks.push(byte);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, build: (writer: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

export interface OnnxTensor {
  name: string;
  dims: number[];
  type: OnnxDataType;
  values: Float32Array | BigInt64Array;
}

export interface OnnxNode {
  op: string;
  inputs: string[];
  outputs: string[];
  /** Integer attributes only (all this generator needs: Gather axis, Cast to, ReduceSum keepdims). */
  attributes?: Record<string, number>;
}

export interface OnnxValueInfo {
  name: string;
  type: OnnxDataType;
  /** A number is a fixed size, a string a symbolic one ("batch", "sequence"). */
  shape: (number | string)[];
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

function writeValueInfo(writer: ProtoWriter, info: OnnxValueInfo): void {
  writer.string(1, info.name).message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, DATA_TYPE[info.type]).message(2, (shape) => {
        for (const dim of info.shape) shape.message(1, (d) => (typeof dim === 'number' ? d.int(1, dim) : d.string(2, dim)));
      });
    }),
  );
}

/** Serialises a graph to ONNX ModelProto bytes (little-endian raw_data tensors). */
export function encodeOnnxModel(graph: OnnxGraph, opsetVersion = 13): Uint8Array {
  const model = new ProtoWriter();
  model.int(1, 7).string(2, 'propo-make-tiny-model').string(3, '1');
  model.message(7, (g) => {
    for (const node of graph.nodes) {
      g.message(1, (n) => {
        for (const input of node.inputs) n.string(1, input);
        for (const output of node.outputs) n.string(2, output);
        n.string(3, `${node.op}_${node.outputs[0] ?? ''}`).string(4, node.op);
        for (const [name, value] of Object.entries(node.attributes ?? {})) n.message(5, (a) => a.string(1, name).int(3, value).int(20, 2));
      });
    }
    g.string(2, graph.name);
    for (const tensor of graph.initializers) {
      g.message(5, (t) => {
        for (const dim of tensor.dims) t.int(1, dim);
        t.int(2, DATA_TYPE[tensor.type]).string(8, tensor.name);
        const bytes = new Uint8Array(tensor.values.buffer, tensor.values.byteOffset, tensor.values.byteLength);
        t.bytes(9, bytes);
      });
    }
    for (const input of graph.inputs) g.message(11, (v) => writeValueInfo(v, input));
    for (const output of graph.outputs) g.message(12, (v) => writeValueInfo(v, output));
  });
  model.message(8, (opset) => opset.string(1, '').int(2, opsetVersion));
  return model.finish();
}
