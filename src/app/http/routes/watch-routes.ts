/**
 * Watched folders in the Settings tab (issue 16, admin only):
 *  - `GET /api/watch`: the saved list (watch.folders) and each running watcher's status (last pass, files, errors).
 *  - `PUT /api/watch {folders}`: validated by the config schema, saved to `<dataDir>/settings.json` (decision 0061)
 *    and applied at once: new folders are watched (their first pass runs before the answer), removed ones stop.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { formatProblems, readSettingsFile, setPath, settingsFilePath, validateConfigTree, WATCH_FOLDERS_SETTING, writeSettingsFile } from '../../../core/config/index.ts';
import { PropoError } from '../../../core/errors/index.ts';
import type { PropoApp } from '../../compose.ts';
import { watchManagerFor } from '../../watch/watch-manager.ts';

export async function watchRoutes(server: FastifyInstance, options: { app: PropoApp }): Promise<void> {
  const { app } = options;
  const file = settingsFilePath(app.config.dataDir);
  const saved = (): string[] => {
    const value = readSettingsFile(file)[WATCH_FOLDERS_SETTING];
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : app.config.watch.folders;
  };
  const describe = () => ({ folders: saved(), status: watchManagerFor(app).status() });

  server.get('/api/watch', {
    config: { role: 'admin' },
    schema: { tags: ['config'], summary: 'Watched folders: the saved list and each folder\'s status (last pass, files, errors).' },
  }, async () => describe());

  server.put<{ Body: { folders: string[] } }>('/api/watch', {
    config: { role: 'admin' },
    schema: {
      tags: ['config'], summary: 'Save the watched folders (settings file) and apply them now.',
      body: { type: 'object', required: ['folders'], additionalProperties: false, properties: { folders: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 4096 } } } },
    },
  }, async (request) => {
    const folders = [...new Set(request.body.folders.map((folder) => resolve(folder.trim())))];
    for (const folder of folders) {
      const info = await stat(folder).catch(() => null);
      if (!info?.isDirectory()) throw new PropoError('PROPO_ERR_VALIDATION', `${folder} is not a folder on the server. Give the full path of an existing folder, e.g. your Obsidian vault.`);
    }
    const tree = structuredClone(app.config) as unknown as Record<string, unknown>;
    setPath(tree, WATCH_FOLDERS_SETTING, folders);
    const { problems } = validateConfigTree(tree);
    if (problems.length > 0) throw new PropoError('PROPO_ERR_VALIDATION', formatProblems(problems), { details: { problems } });
    writeSettingsFile(file, { ...readSettingsFile(file), [WATCH_FOLDERS_SETTING]: folders });
    // Not awaited: a big vault's first pass takes a while; the status shows 'starting' until it ends.
    void watchManagerFor(app).sync(folders);
    return { ...describe(), message: `Saved. Watching ${folders.length} folder${folders.length === 1 ? '' : 's'}.` };
  });
}
