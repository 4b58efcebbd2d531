/**
 * The files a transformers.js feature-extraction model needs, and where a downloaded model lives:
 * `<cacheDir>/hub/<owner>/<name>/`, laid out as the hub repository is (so the folder also works as
 * EMBED_MODEL_PATH).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/** Repository-relative paths of the files loaded for `dtype`. */
export function modelFiles(dtype: 'q8' | 'fp32'): string[] {
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', dtype === 'q8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx'];
}

/** The download folder of `model` under `cacheDir`. */
export function cachedModelDir(cacheDir: string, model: string): string {
  return path.join(cacheDir, 'hub', ...model.split('/'));
}

/** True when every file of `dtype` is present (non-empty) in `dir`. Files are written only once verified. */
export function isModelComplete(dir: string, dtype: 'q8' | 'fp32'): boolean {
  return modelFiles(dtype).every((file) => {
    const target = path.join(dir, file);
    return existsSync(target) && statSync(target).size > 0;
  });
}
