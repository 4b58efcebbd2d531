/**
 * The 2-fold split used to fit and check the answer selector: XQuAD articles (the NN of
 * `xquad-aNN-pM`) in ascending order, alternately fold a and fold b, so that no article's
 * paragraphs or questions are in both halves.
 */
export type Fold = 'a' | 'b';

export function articleOf(documentId: string): string {
  return /^xquad-a(\d+)-/u.exec(documentId)?.[1] ?? documentId;
}

export function foldsByArticle(documentIds: Iterable<string>): Map<string, Fold> {
  const articles = [...new Set([...documentIds].map(articleOf))].sort((x, y) => Number(x) - Number(y) || x.localeCompare(y));
  return new Map(articles.map((article, i) => [article, i % 2 === 0 ? 'a' : 'b']));
}
