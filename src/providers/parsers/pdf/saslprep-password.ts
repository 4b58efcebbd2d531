/**
 * The mapping and normalisation steps of SASLprep (RFC 4013), which PDF 2.0 requires for
 * AES-256 (revision 6) passwords and which pdf.js leaves to the caller: characters "commonly
 * mapped to nothing" are removed, non-ASCII spaces become U+0020, then NFKC.
 */
const MAPPED_TO_NOTHING = /\u00AD|\u034F|\u1806|[\u180B-\u180D]|[\u200B-\u200D]|\u2060|[\uFE00-\uFE0F]|\uFEFF/g;
const NON_ASCII_SPACE = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

/** `password` prepared as SASLprep would prepare it (prohibited-character checks are skipped). */
export function saslprepPassword(password: string): string {
  return password.replace(MAPPED_TO_NOTHING, '').replace(NON_ASCII_SPACE, ' ').normalize('NFKC');
}
