/** Document parsers (providers for the DocumentParser port). */
export { createParserRegistry, type ParserRegistry, type ParserRegistryOptions } from './parser-registry.ts';
export { createPdfParser, type PdfParserOptions } from './pdf/pdf-parser.ts';
export { createTxtParser } from './txt/txt-parser.ts';
export { createMarkdownParser } from './markdown/markdown-parser.ts';
export { decodeText, type DecodedText } from './txt/decode-text.ts';
