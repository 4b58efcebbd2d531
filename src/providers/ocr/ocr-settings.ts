/** OCR bounds from `ingest.*` (config), handed to the parsers that OCR. */
export interface OcrSettings {
  /** ingest.ocrPageTimeoutMs: one page's recognition time bound. */
  pageTimeoutMs: number;
  /** ingest.ocrDpi: PDF pages are rendered at this resolution (lowered to fit ocrMaxMegapixels). */
  dpi: number;
  /** ingest.ocrMaxMegapixels: larger images are refused, larger PDF pages rendered smaller (memory bound). */
  maxMegapixels: number;
}

export const DEFAULT_OCR_SETTINGS: OcrSettings = { pageTimeoutMs: 60_000, dpi: 300, maxMegapixels: 40 };
