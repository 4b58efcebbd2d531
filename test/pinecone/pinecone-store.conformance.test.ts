/**
 * The VectorStore conformance suite against the Pinecone adapter: always through the local
 * wire-format server, and live against pinecone.io when PINECONE_API_KEY is set (one shared index,
 * PINECONE_TEST_INDEX or `propo-conformance`; each case gets its own namespace prefix; writes wait
 * until readable because serverless reads lag writes).
 */
import { after, it } from 'node:test';
import { randomUUID } from 'node:crypto';
import type { VectorStore } from '../../src/core/ports/index.ts';
import { createPineconeStore, type PineconeStore, type PineconeStoreOptions } from '../../src/providers/stores/pinecone/index.ts';
import { startPineconeLocalServer } from '../../src/testing/pinecone-local-server.ts';
import { runVectorStoreSuite } from '../../src/testing/vector-store-conformance.ts';

const server = await startPineconeLocalServer();
after(() => server.close());

const settings = new WeakMap<VectorStore, PineconeStoreOptions>();
let serial = 0;

const local = (): PineconeStoreOptions => {
  serial += 1;
  return { apiKey: server.apiKey, index: `conformance-${serial}`, controllerHost: server.controllerHostUrl, retryBaseMs: 5, pollMs: 10 };
};

runVectorStoreSuite({
  name: 'pinecone (local wire-format server)',
  create: async () => {
    const options = local();
    const store = createPineconeStore(options);
    settings.set(store, options);
    return store;
  },
  reopen: async (store) => createPineconeStore(settings.get(store) as PineconeStoreOptions),
});

const liveKey = process.env.PINECONE_API_KEY;
if (liveKey === undefined || liveKey === '') {
  // The one allowed skip: there is no Pinecone account on this machine.
  void it('VectorStore conformance: pinecone (live)', { skip: 'PINECONE_API_KEY is not set: the live pinecone.io run is skipped (the local-server run above covers the wire format).' }, () => undefined);
} else {
  const index = process.env.PINECONE_TEST_INDEX ?? 'propo-conformance';
  const live = (store?: VectorStore): PineconeStoreOptions => settings.get(store as VectorStore) ?? {
    apiKey: liveKey, index, namespacePrefix: `t${randomUUID().slice(0, 8)}-`, writeVisibility: { timeoutMs: 60_000, pollMs: 500 },
    ...(process.env.PINECONE_CLOUD ? { cloud: process.env.PINECONE_CLOUD } : {}), ...(process.env.PINECONE_REGION ? { region: process.env.PINECONE_REGION } : {}),
  };
  runVectorStoreSuite({
    name: `pinecone (live, index ${index})`,
    create: async () => {
      const options = live();
      const store = createPineconeStore(options);
      settings.set(store, options);
      return store;
    },
    reopen: async (store) => createPineconeStore(live(store)),
    cleanup: async (store) => {
      const reopened: PineconeStore = createPineconeStore(live(store));
      await reopened.open({ embedder: 'conformance-a', dimensions: 8 });
      for (const documentId of await reopened.listDocumentIds()) await reopened.deleteByDocument(documentId);
    },
  });
}
