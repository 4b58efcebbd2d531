/**
 * The progress of a first-use model download (EMBEDDER=auto) on stderr: a live bar on a terminal, one line
 * per finished file otherwise (logs, pipes).
 */
import type { ModelDownloadProgress } from '../../providers/embedders/transformers/fetch-model.ts';

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** One line: `model 2/4 onnx/model_quantized.onnx ████░░░░ 12.0/32.0 MiB`. */
export function formatModelDownload(progress: ModelDownloadProgress, width = 24): string {
  const share = progress.total !== null && progress.total > 0 ? Math.min(1, progress.received / progress.total) : null;
  const filled = share === null ? 0 : Math.round(share * width);
  const bar = share === null ? '' : ` ${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  const size = progress.total === null ? mib(progress.received) : `${mib(progress.received)}/${mib(progress.total)}`;
  return `downloading embedding model ${progress.index}/${progress.files} ${progress.file}${bar} ${size}`;
}

/** A reporter for `onModelDownload` writing to `stream`. */
export function modelDownloadReporter(stream: NodeJS.WriteStream = process.stderr): (progress: ModelDownloadProgress) => void {
  let lastDraw = 0;
  return (progress) => {
    const finished = progress.total !== null && progress.received >= progress.total;
    if (!stream.isTTY) {
      if (finished) stream.write(`${formatModelDownload(progress)} done\n`);
      return;
    }
    const now = Date.now();
    if (now - lastDraw < 100 && !finished) return;
    lastDraw = now;
    stream.write(`\r\x1b[2K${formatModelDownload(progress)}${finished ? '\n' : ''}`);
  };
}
