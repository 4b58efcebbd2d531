/**
 * Copies a LanceDB database directory as of one version per table while writers may be
 * appending. Lance datasets are multi-version and append-only: a commit writes new data,
 * deletion and index files under fresh names, then publishes `_versions/<v>.manifest`
 * atomically; files referenced by a published version are never rewritten (old ones are only
 * removed by cleanup of versions older than days). So: pin the newest published manifest N,
 * copy every other file present afterwards (a superset of what N references; files of later,
 * unpublished commits are unreferenced), and copy only the manifests up to N. Opening the copy
 * reads version N. Manifest names: v1 `<v>.manifest`, v2 `<u64::MAX - v, 20 digits>.manifest`.
 */
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { PropoError } from '../../../core/errors/index.ts';

const U64_MAX = 18446744073709551615n;

/** Version number of a manifest file name, or null when it is not one. */
export function manifestVersion(fileName: string): number | null {
  const match = /^(\d+)\.manifest$/.exec(fileName);
  if (match?.[1] === undefined) return null;
  const raw = BigInt(match[1]);
  // v2 names count down from u64::MAX so the newest sorts first; v1 names are the version itself.
  return Number(raw > U64_MAX / 2n ? U64_MAX - raw : raw);
}

export interface CopiedDataset { name: string; version: number; files: number }

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Copies one Lance dataset directory (`<name>.lance` or `__manifest`) pinned at its newest version. */
export async function copyLanceDataset(sourceDir: string, targetDir: string): Promise<CopiedDataset> {
  const versionsDir = join(sourceDir, '_versions');
  const manifests = (await readdir(versionsDir)).flatMap((name) => {
    const version = manifestVersion(name);
    return version === null ? [] : [{ name, version }];
  });
  if (manifests.length === 0) {
    throw new PropoError('PROPO_ERR_BACKUP', `${sourceDir} has no published version. Is it a LanceDB table?`);
  }
  const pinned = Math.max(...manifests.map((m) => m.version));
  let files = 0;
  // Listed after pinning: every file that version `pinned` references is already in place and stays.
  // A file that vanishes meanwhile (a writer's temporary `.tmp*` file, renamed or removed when its
  // commit finishes) is therefore not referenced by `pinned` and is skipped.
  for (const file of await listFiles(sourceDir)) {
    const path = relative(sourceDir, file);
    if (path.startsWith(`_versions/`)) continue;
    await mkdir(dirname(join(targetDir, path)), { recursive: true });
    try {
      await copyFile(file, join(targetDir, path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    files += 1;
  }
  await mkdir(join(targetDir, '_versions'), { recursive: true });
  for (const manifest of manifests.filter((m) => m.version <= pinned)) {
    await copyFile(join(versionsDir, manifest.name), join(targetDir, '_versions', manifest.name));
    files += 1;
  }
  // The hint must not point past the pinned version.
  await writeFile(join(targetDir, '_versions', 'latest_version_hint.json'), JSON.stringify({ version: pinned }));
  return { name: relative(dirname(sourceDir), sourceDir), version: pinned, files };
}

/** Copies every dataset of the LanceDB database at `sourceDir` (tables and the `__manifest` catalog). */
export async function copyLanceDatabase(sourceDir: string, targetDir: string): Promise<CopiedDataset[]> {
  let entries: string[];
  try {
    entries = await readdir(sourceDir);
  } catch {
    return [];
  }
  const copied: CopiedDataset[] = [];
  // The catalog first: a table created meanwhile is then at worst uncatalogued (LanceDB also lists
  // table directories), never catalogued but missing.
  const ordered = [...entries.filter((e) => e === '__manifest'), ...entries.filter((e) => e.endsWith('.lance')).sort()];
  for (const entry of ordered) copied.push(await copyLanceDataset(join(sourceDir, entry), join(targetDir, entry)));
  return copied;
}
