/**
 * `propo eval` and `propo eval-compare`: the commands and their options. What they run is in eval-run.ts, loaded
 * only when one of them runs (the eval pipeline, providers and zod stay out of `--help`). See docs/evaluation.md.
 */
import type { Command } from 'commander';
import { action, type CliContext } from '../cli-context.ts';
import type { EvalOptions } from './eval-run.ts';

/** Registers `propo eval`. */
export function registerEval(program: Command, ctx: CliContext): void {
  program.command('eval')
    .description('Evaluate retrieval on a dataset folder (corpus/queries/qrels[/answers].jsonl), or a real-questions folder (dataset.json + questions.jsonl) end to end through ingest and ask; saves the run under <dataDir>/eval-runs.')
    .requiredOption('--dataset <dir>', 'dataset folder')
    .option('--config <file>', 'YAML variant with config.yaml keys (plus retrieval.mode: hybrid|dense|bm25) merged over the base config')
    .option('--compare <files...>', 'YAML variants A B [C ...]: run all on the same queries, report each one\'s differences to A with paired significance tests')
    .option('--mode <mode>', 'retrieval mode override: hybrid | dense | bm25')
    .option('--limit <n>', 'only the first N queries')
    .option('--fold <i/n>', 'only the queries of fold i of n (deterministic by query id): fit on one fold, report the other')
    .option('--name <name>', 'run name (default: the variant file name)')
    .option('--unanswerable <dir>', 'also run this other dataset\'s queries on the corpus and recommend a retrieval.threshold')
    .option('--documents <dir>', 'real-questions datasets: the folder their document paths are relative to (default: dataset.json documentsRoot)')
    .option('--json', 'print JSON')
    .action(action(ctx, async (options: EvalOptions) => (await import('./eval-run.ts')).runEval(program, ctx, options)));
}

/** Registers `propo eval-compare`: paired tests between runs saved earlier (no re-run). */
export function registerEvalCompare(program: Command, ctx: CliContext): void {
  program.command('eval-compare')
    .description('Compare saved eval runs (<dataDir>/eval-runs/*.json): each run against the first, with paired significance tests.')
    .argument('<runs...>', 'saved run files: baseline first')
    .option('--json', 'print JSON')
    .action(action(ctx, async (files: string[], options: { json?: boolean }) => (await import('./eval-run.ts')).runEvalCompare(files, options)));
}
