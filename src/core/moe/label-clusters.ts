/**
 * Names clusters with the configured expert names. Each cluster gets a score per cue-bearing name
 * (code, technical, personal: its members' mean lexical cue rate); then a greedy one-to-one
 * assignment takes the highest (cluster, name) score first, and so on, while the score is at
 * least `minimumCue`. Clusters left over get the remaining names in configured order, `general`
 * first when it is configured ("general: the rest"). Names without a cue of their own (e.g. a custom
 * `law` expert) are only handed out in that second step.
 */
import { meanCues, type CueScores } from './lexical-cues.ts';

export interface LabelOptions {
  /** A cue rate below this does not claim a name (default 0.05 = one cue per 20 words). */
  minimumCue?: number;
}

/** One label per cluster, in cluster order; `experts.length` must be ≥ the number of clusters. */
export function labelClusters(clusterTexts: readonly (readonly string[])[], experts: readonly string[], options: LabelOptions = {}): string[] {
  const minimumCue = options.minimumCue ?? 0.05;
  const cues: CueScores[] = clusterTexts.map((texts) => meanCues(texts));
  const labels: (string | null)[] = clusterTexts.map(() => null);
  const free = new Set(experts);
  const pairs: Array<{ cluster: number; name: keyof CueScores; score: number }> = [];
  cues.forEach((score, cluster) => {
    for (const name of ['code', 'technical', 'personal'] as const) {
      if (free.has(name)) pairs.push({ cluster, name, score: score[name] });
    }
  });
  pairs.sort((a, b) => b.score - a.score || a.cluster - b.cluster);
  for (const pair of pairs) {
    if (pair.score < minimumCue) break;
    if (labels[pair.cluster] !== null || !free.has(pair.name)) continue;
    labels[pair.cluster] = pair.name;
    free.delete(pair.name);
  }
  const rest = [...free].sort((a, b) => (a === 'general' ? -1 : b === 'general' ? 1 : 0));
  return labels.map((label, i) => label ?? rest.shift() ?? `expert-${i}`);
}
