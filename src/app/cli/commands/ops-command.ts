/**
 * `bin/propo ops …`: the operator checks behind scripts/*.sh — validate, resources, capacity,
 * perf, integration, rotate-logs. Each prints text (or --json) and exits 0 when all is well, 3 when not.
 */
import type { Command } from 'commander';
import { action, printJson, type CliContext } from '../cli-context.ts';

const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MB`;
const positive = (value: string) => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : 1;
};

export function registerOps(program: Command, ctx: CliContext): void {
  const ops = program.command('ops').description('Operator checks (used by scripts/*.sh).');

  ops.command('validate').description('Config validates and a running instance is healthy and ready.')
    .option('--url <url>', 'health/metrics base URL', 'http://localhost:8000').option('--json', 'print JSON')
    .action(action(ctx, async (options: { url: string; json?: boolean }) => {
      const config = ctx.config();
      const checks = [{ name: 'config', ok: true, detail: `valid (data ${config.dataDir}, embedder ${config.embedder.provider}, llm ${config.llm.provider}, redis ${config.redis.url ? 'on' : 'off'})` }, ...(await (await import('../../ops/diagnostics/validate-deployment.ts')).validateDeployment(options.url))];
      if (options.json) printJson({ ok: checks.every((c) => c.ok), checks });
      else for (const c of checks) process.stdout.write(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name.padEnd(7)} ${c.detail}\n`);
      return checks.every((c) => c.ok) ? 0 : 3;
    }));

  ops.command('resources').description('Disk free of the data dir, memory, load and RSS of running Propo servers.').option('--json', 'print JSON')
    .action(action(ctx, async (options: { json?: boolean }) => {
      const r = await (await import('../../ops/diagnostics/system-resources.ts')).systemResources(ctx.config().dataDir);
      if (options.json) printJson(r);
      else {
        process.stdout.write(`disk    ${r.disk.usedPercent}% used, ${mb(r.disk.freeBytes)} free (${r.dataDir})\nmemory  ${r.memory.usedPercent}% used, ${mb(r.memory.availableBytes)} available of ${mb(r.memory.totalBytes)}\nload    ${r.load.one.toFixed(2)} ${r.load.five.toFixed(2)} ${r.load.fifteen.toFixed(2)} on ${r.load.cpus} CPUs\n`);
        for (const p of r.processes) process.stdout.write(`propo   pid ${p.pid} RSS ${mb(p.rssBytes)}  ${p.command}\n`);
        for (const w of r.warnings) process.stdout.write(`WARNING ${w}\n`);
      }
      return r.warnings.length === 0 ? 0 : 3;
    }));

  ops.command('capacity').description('Project disk, memory and monthly LLM cost from current counts and growth.').option('--json', 'print JSON')
    .action(action(ctx, async (options: { json?: boolean }) => {
      const plan = await (await import('../../ops/diagnostics/capacity-plan.ts')).capacityPlan(await ctx.open());
      if (options.json) printJson(plan);
      else {
        const n = plan.now;
        process.stdout.write(`now       ${n.documents} documents, ${n.propositions} propositions, ${n.vectors} vectors; data ${mb(n.dataDirBytes)}, backups ${mb(n.backupsBytes)}\ngrowth    ${plan.growth.documentsPerDay} documents/day, ${mb(plan.growth.bytesPerDocument)} per document\n`);
        for (const p of plan.projection) process.stdout.write(`${String(p.days).padStart(3)} days  data ${mb(p.dataDirBytes)}, vector memory ${mb(p.vectorMemoryBytes)}\n`);
        process.stdout.write(`LLM cost  $${plan.monthlyLlmCostUsd.toFixed(4)}/month (last 30 days: ${n.answers30d} answers, $${n.llmCost30dUsd.toFixed(4)})\n`);
      }
    }));

  ops.command('perf').description('p50/p95 of N questions against a running instance, plus a /metrics summary.')
    .option('--url <url>', 'API base URL', 'http://localhost:7860').option('--metrics-url <url>', 'metrics base URL', 'http://localhost:8000')
    .option('--n <count>', 'number of questions', positive, 20).option('--question <text...>', 'questions to cycle through').option('--token <token>', 'API token').option('--json', 'print JSON')
    .action(action(ctx, async (options: { url: string; metricsUrl: string; n: number; question?: string[]; token?: string; json?: boolean }) => {
      const report = await (await import('../../ops/diagnostics/performance-audit.ts')).performanceAudit({ url: options.url, metricsUrl: options.metricsUrl, count: Math.round(options.n), questions: options.question ?? ['What is this document about?', 'Summarise the main points.'], ...(options.token ? { token: options.token } : {}) });
      if (options.json) printJson(report);
      else {
        process.stdout.write(`${report.requests} requests, ${report.failures} failed: p50 ${report.p50Ms} ms, p95 ${report.p95Ms} ms, max ${report.maxMs} ms\n`);
        for (const [name, value] of Object.entries(report.metrics)) process.stdout.write(`  ${name} ${value}\n`);
      }
      return report.failures === 0 ? 0 : 3;
    }));

  ops.command('integration').description('Upload a sample, ask, and resolve every citation against a running instance.')
    .argument('[url]', 'API base URL', 'http://localhost:7860').option('--token <token>', 'API token').option('--json', 'print JSON')
    .action(action(ctx, async (url: string, options: { token?: string; json?: boolean }) => {
      const steps = await (await import('../../ops/diagnostics/integration-check.ts')).integrationCheck(url, options.token ? { token: options.token } : {});
      const ok = steps.length > 0 && steps.every((s) => s.ok);
      if (options.json) printJson({ ok, steps });
      else for (const s of steps) process.stdout.write(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name}: ${s.detail}\n`);
      return ok ? 0 : 3;
    }));

  ops.command('rotate-logs').description('Gzip-rotate app.log and security_audit.log by size or age, keeping N.')
    .option('--max-mb <mb>', 'rotate at this size', positive, 50).option('--max-age-days <days>', 'rotate at this age', positive, 7)
    .option('--keep <n>', 'rotations kept per log', positive, 10).option('--force', 'rotate now').option('--json', 'print JSON')
    .action(action(ctx, async (options: { maxMb: number; maxAgeDays: number; keep: number; force?: boolean; json?: boolean }) => {
      const results = await (await import('../../ops/diagnostics/rotate-logs.ts')).rotateLogs(ctx.config().logDir, { maxBytes: options.maxMb * 1024 * 1024, maxAgeDays: options.maxAgeDays, keep: Math.round(options.keep), force: options.force ?? false });
      if (options.json) printJson(results);
      else for (const r of results) process.stdout.write(`${r.log}: ${r.rotatedTo ? `rotated to ${r.rotatedTo}` : 'not due'}${r.removed.length ? `, removed ${r.removed.length} old` : ''}\n`);
    }));
}
