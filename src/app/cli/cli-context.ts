/**
 * Shared CLI plumbing: global flags → config (loaded once), the app built on demand, and
 * uniform error output (typed errors print their code and message; exit codes are stable).
 */
import type { Command } from 'commander';
import type { PropoConfig } from '../../core/config/index.ts';
import { isDiskFullError, isPropoError, toPropoError } from '../../core/errors/index.ts';
import type { PropoApp, AppOverrides } from '../compose.ts';
import type { Catalogue } from '../open-catalogue.ts';
import { modelDownloadReporter } from './model-download-bar.ts';

// The config module (and zod, its schema library: ~100 modules) loads when a command runs, not for `--help`.
let configModule: typeof import('../../core/config/index.ts') | null = null;
/** Loads the config module once; `action` calls it before a command runs, so `config()` can stay synchronous. */
export async function loadConfigModule(): Promise<typeof import('../../core/config/index.ts')> {
  configModule ??= await import('../../core/config/index.ts');
  return configModule;
}

export interface GlobalOptions { config?: string; dataDir?: string; namespace?: string; logDir?: string }

export class CliContext {
  private app: PropoApp | null = null;
  private catalogueOpened: Catalogue | null = null;
  private loaded: PropoConfig | null = null;
  overrides: Record<string, unknown> = {};
  appOverrides: AppOverrides = {};

  constructor(private readonly program: Command) {}

  config(extra: Record<string, unknown> = {}): PropoConfig {
    if (this.loaded && Object.keys(extra).length === 0) return this.loaded;
    const g = this.program.opts<GlobalOptions>();
    const overrides: Record<string, unknown> = { ...this.overrides, ...extra };
    if (g.dataDir) overrides.dataDir = g.dataDir;
    if (g.logDir) overrides.logDir = g.logDir;
    if (g.namespace) overrides.namespace = g.namespace;
    if (!configModule) throw new Error('CliContext.config() before loadConfigModule(): run commands through action()');
    const { config } = configModule.loadConfig({ overrides, ...(g.config ? { configPath: g.config } : {}) });
    if (Object.keys(extra).length === 0) this.loaded = config;
    return config;
  }

  async open(extra: Record<string, unknown> = {}): Promise<PropoApp> {
    if (!this.app) {
      await loadConfigModule();
      // Loaded on first use: `--help` and commands that never open the app do not pay for the providers.
      const { createApp } = await import('../compose.ts');
      // Only `serve` exposes /metrics; the other commands record none and never load prom-client (decision 0130).
      this.app = await createApp(this.config(extra), { onModelDownload: modelDownloadReporter(), exposeMetrics: false, ...this.appOverrides });
      await this.app.recover();
    }
    return this.app;
  }

  /**
   * The document catalogue without the providers or crash recovery, for commands that only read it (`docs list`);
   * the open app's when one is open (decision 0131).
   */
  async catalogue(): Promise<Pick<Catalogue, 'config' | 'documents' | 'collections'>> {
    if (this.app) return this.app;
    if (!this.catalogueOpened) {
      await loadConfigModule();
      const { openCatalogue } = await import('../open-catalogue.ts');
      this.catalogueOpened = openCatalogue(this.config());
    }
    return this.catalogueOpened;
  }

  async close(): Promise<void> {
    this.catalogueOpened?.close();
    this.catalogueOpened = null;
    await this.app?.close();
    this.app = null;
  }
}

/** Runs a command action with uniform error handling; returns the exit code. */
export function action<A extends unknown[]>(ctx: CliContext, run: (...args: A) => Promise<number | void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    let code = 0;
    try {
      await loadConfigModule();
      code = (await run(...args)) ?? 0;
    } catch (thrown) {
      code = 1;
      const error = isDiskFullError(thrown) ? toPropoError(thrown) : thrown;
      if (isPropoError(error)) {
        process.stderr.write(`error ${error.code}: ${error.message}\n`);
        code = error.code === 'PROPO_ERR_CONFIG_INVALID' || error.code === 'PROPO_ERR_VALIDATION' ? 1 : 3;
      } else {
        process.stderr.write(`error: ${(error as Error).stack ?? String(error)}\n`);
      }
    } finally {
      await ctx.close().catch(() => undefined);
    }
    process.exitCode = code;
  };
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
