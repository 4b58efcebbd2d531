/** `GET /api/examples`: up to four example questions drawn from the user's own documents. */
import type { FastifyInstance } from 'fastify';
import type { PropoApp } from '../../compose.ts';
import { exampleQuestions } from '../examples/example-questions.ts';

/** Propositions read per document: enough for a representative phrase, cheap on big books. */
const PROPOSITIONS_PER_DOCUMENT = 400;
/** Pages read per document for its headings. */
const PAGES_PER_DOCUMENT = 6;

export async function examplesRoutes(server: FastifyInstance, options: { app: PropoApp }): Promise<void> {
  const { app } = options;
  server.get('/api/examples', { schema: { tags: ['chat'], summary: 'Example questions about your own documents (empty when nothing is ingested).' } }, async () => {
    const docs = app.documents.list({ namespace: app.config.namespace }).slice(0, 8);
    const sources = docs.map((doc) => ({
      file: doc.file,
      propositions: app.documents.propositions(doc.id).slice(0, PROPOSITIONS_PER_DOCUMENT).map((p) => p.text),
      pages: app.documents.pages(doc.id).slice(0, PAGES_PER_DOCUMENT).map((page) => page.text),
    }));
    return { questions: exampleQuestions(sources, 4) };
  });
}
