/** Share of the query's content words (stop words removed, crude stemming) that occur in a text. */
const STOP = new Set('a an and are as at be by for from has have how in is it its of on or that the this to was were what when where which who why will with does did do can could should would about into than then there these those their they them our your you we i me my'.split(' '));

export function contentTerms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => !STOP.has(t) && t.length > 1).map(stem);
}

export function stem(term: string): string {
  return term.replace(/(ies|es|s|ing|ed|ly)$/u, '') || term;
}

export function queryTermCoverage(query: string, text: string): number {
  const terms = [...new Set(contentTerms(query))];
  if (terms.length === 0) return 0;
  const present = new Set(contentTerms(text));
  return terms.filter((t) => present.has(t)).length / terms.length;
}
