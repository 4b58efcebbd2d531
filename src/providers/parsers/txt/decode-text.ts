/**
 * Turns the bytes of a text file into a string: UTF-8 (BOM stripped), UTF-16 LE/BE when a BOM
 * says so, and Windows-1252 (the WHATWG "latin1") when the bytes are not valid UTF-8.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** Set when a fallback or lossy decode happened; meant for ParsedDocument.warnings. */
  warning?: string;
}

function decode(encoding: TextEncodingName, bytes: Uint8Array, fatal: boolean): string {
  return new TextDecoder(encoding, { fatal }).decode(bytes);
}

/** Decodes `bytes`; never throws for any input. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decode('utf-16le', bytes, false), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decode('utf-16be', bytes, false), encoding: 'utf-16be' };
  const hasUtf8Bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { text: decode('utf-8', bytes, true), encoding: 'utf-8' };
  } catch {
    if (hasUtf8Bom) {
      return {
        text: decode('utf-8', bytes, false),
        encoding: 'utf-8',
        warning: 'the file has a UTF-8 byte order mark but invalid UTF-8 bytes; they were replaced by U+FFFD',
      };
    }
    return {
      text: decode('windows-1252', bytes, false),
      encoding: 'windows-1252',
      warning: 'the bytes are not valid UTF-8; decoded as Latin-1 (Windows-1252)',
    };
  }
}

/** Replaces CRLF and lone CR with LF. */
export function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
