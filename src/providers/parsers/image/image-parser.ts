/**
 * PNG and JPEG images: one page whose text is what OCR reads (tesseract.js, English). The stored
 * page text is the OCR text, so spans are exact as for TXT. Refused when OCR is off for the ingest,
 * when the header cannot be read, and when the image exceeds ingest.ocrMaxMegapixels.
 */
import type { ParsedDocument } from '../../../core/domain/types.ts';
import { PropoError } from '../../../core/errors/index.ts';
import type { DocumentParser, ParseOptions } from '../../../core/ports/parser.ts';
import { imageSize } from '../../ocr/image-size.ts';
import type { OcrSettings } from '../../ocr/ocr-settings.ts';
import { createTesseractOcr } from '../../ocr/tesseract-ocr.ts';
import { throwIfAborted } from '../throw-if-aborted.ts';

export function createImageParser(settings: OcrSettings): DocumentParser {
  return {
    kind: 'image',
    async parse(bytes: Uint8Array, options: ParseOptions): Promise<ParsedDocument> {
      const { fileName } = options;
      if ((options.ocr ?? 'auto') === 'off') {
        throw new PropoError('PROPO_ERR_OCR_OFF', `${fileName} is an image: its text can only be read by OCR, which is off for this ingest. Ingest it with OCR auto (bin/propo ingest --ocr auto, the OCR choice on the upload form, or ingest.ocr: auto).`);
      }
      const size = imageSize(bytes);
      if (size === null) {
        throw new PropoError('PROPO_ERR_UNSUPPORTED_TYPE', `${fileName}: the PNG/JPEG header cannot be read (truncated or not an image). Export the image again, then ingest it.`);
      }
      const megapixels = (size.width * size.height) / 1e6;
      if (megapixels > settings.maxMegapixels) {
        throw new PropoError('PROPO_ERR_OCR_LIMITS', `${fileName} is ${size.width}×${size.height} (${megapixels.toFixed(1)} megapixels); OCR accepts up to ${settings.maxMegapixels}. Scale it down (300 dpi is enough) or raise ingest.ocrMaxMegapixels.`);
      }
      throwIfAborted(options.signal, fileName);
      options.onProgress?.({ ocrDone: 0, ocrPages: 1 });
      const engine = createTesseractOcr({ pageTimeoutMs: settings.pageTimeoutMs });
      let result;
      try {
        result = await engine.recognize(bytes);
      } finally {
        await engine.close();
      }
      if (!result.ok) {
        throw new PropoError('PROPO_ERR_PARSE_TIMEOUT', `OCR of ${fileName} took longer than ${settings.pageTimeoutMs} ms and was stopped. Crop or scale the image down, or raise ingest.ocrPageTimeoutMs.`);
      }
      options.onProgress?.({ ocrDone: 1, ocrPages: 1 });
      if (result.text === '') {
        throw new PropoError('PROPO_ERR_EMPTY_FILE', `OCR found no text in ${fileName}. Check that the image shows printed text, upright and legible.`);
      }
      return { kind: 'image', pages: [{ number: 1, text: result.text }], warnings: ['page 1: text read by OCR (tesseract, English)'] };
    },
  };
}
