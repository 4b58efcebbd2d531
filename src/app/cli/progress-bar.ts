/** A one-line live progress bar on stderr (only when stderr is a terminal). */
export class ProgressBar {
  private readonly started = Date.now();
  private lastDraw = 0;
  private readonly enabled: boolean;

  constructor(private readonly totalFiles: number, enabled = Boolean(process.stderr.isTTY)) {
    this.enabled = enabled;
  }

  update(state: { filesDone: number; pages: number; propositions: number; current: string; stage: string }): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && state.filesDone < this.totalFiles) return;
    this.lastDraw = now;
    const seconds = Math.max(0.001, (now - this.started) / 1000);
    const rate = state.propositions / seconds;
    const perFile = seconds / Math.max(1, state.filesDone);
    const eta = state.filesDone > 0 ? Math.round(perFile * (this.totalFiles - state.filesDone)) : null;
    const width = 24;
    const filled = Math.round((state.filesDone / Math.max(1, this.totalFiles)) * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const line = `${bar} ${state.filesDone}/${this.totalFiles} files · ${state.pages} pages · ${rate.toFixed(0)} prop/s · ETA ${eta === null ? '?' : `${eta}s`} · ${state.stage} ${state.current.slice(0, 30)}`;
    process.stderr.write(`\r\x1b[2K${line}`);
  }

  done(): void {
    if (this.enabled) process.stderr.write('\n');
  }
}
