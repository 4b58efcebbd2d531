/**
 * `bin/propo backup verify <archive>`: extracts the archive, checks every file against the
 * manifest's sha256 and size (and that no file was added), opens the SQLite copy read-only and
 * the LanceDB copy, and compares their counts, versions and embedder with the manifest.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { x as extractTar } from 'tar';
import { PropoError } from '../../../core/errors/index.ts';
import { BACKUP_FORMAT, checksumTree, MANIFEST_FILE, type BackupManifest } from './backup-manifest.ts';
import { inspectDataDir } from './inspect-data-dir.ts';

export interface VerifyResult { ok: boolean; problems: string[]; manifest: BackupManifest | null }

export async function extractArchive(archive: string, targetDir: string): Promise<void> {
  if (!existsSync(archive)) throw new PropoError('PROPO_ERR_NOT_FOUND', `No backup archive at ${archive}. List them with: ls ${join(archive, '..')}`);
  await mkdir(targetDir, { recursive: true, mode: 0o700 });
  await extractTar({ file: archive, cwd: targetDir, strict: true });
}

/** Checks an extracted archive in `dir` against its manifest. */
export async function verifyExtracted(dir: string): Promise<VerifyResult> {
  const problems: string[] = [];
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as BackupManifest;
  } catch (error) {
    return { ok: false, problems: [`manifest.json is missing or unreadable: ${(error as Error).message}`], manifest: null };
  }
  if (manifest.format !== BACKUP_FORMAT) problems.push(`unknown format ${String(manifest.format)} (expected ${BACKUP_FORMAT})`);
  const actual = new Map((await checksumTree(dir)).map((f) => [f.path, f]));
  for (const expected of manifest.files) {
    const found = actual.get(expected.path);
    if (!found) problems.push(`missing file ${expected.path}`);
    else if (found.sha256 !== expected.sha256 || found.bytes !== expected.bytes) problems.push(`checksum mismatch for ${expected.path}`);
    actual.delete(expected.path);
  }
  for (const extra of actual.keys()) problems.push(`file not in the manifest: ${extra}`);
  if (problems.length > 0) return { ok: false, problems, manifest };
  try {
    const info = await inspectDataDir(join(dir, 'data'));
    if (info.integrity !== 'ok') problems.push(`SQLite quick_check: ${info.integrity}`);
    for (const [key, value] of Object.entries(info.counts)) {
      const recorded = (manifest.counts as unknown as Record<string, number>)[key];
      // A manifest written before a count existed (e.g. collections) has no claim to check.
      if (recorded !== undefined && recorded !== value) problems.push(`${key}: manifest says ${recorded}, the copy has ${value}`);
    }
    for (const table of manifest.lance) {
      const copy = info.tables.find((t) => t.name === table.name);
      if (!copy) problems.push(`LanceDB table ${table.name} does not open`);
      else if (copy.rows !== table.rows || copy.version !== table.version) problems.push(`LanceDB ${table.name}: manifest v${table.version}/${table.rows} rows, copy v${copy.version}/${copy.rows} rows`);
    }
  } catch (error) {
    problems.push((error as Error).message);
  }
  return { ok: problems.length === 0, problems, manifest };
}

/** Verifies an archive in a temporary directory that is removed afterwards. */
export async function verifyBackup(archive: string, options: { workDir?: string } = {}): Promise<VerifyResult> {
  const dir = await mkdtemp(join(options.workDir ?? tmpdir(), 'propo-verify-'));
  try {
    try {
      await extractArchive(archive, dir);
    } catch (error) {
      if (error instanceof PropoError && error.code === 'PROPO_ERR_NOT_FOUND') throw error;
      return { ok: false, problems: [`the archive does not extract: ${(error as Error).message}`], manifest: null };
    }
    return await verifyExtracted(dir);
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}
