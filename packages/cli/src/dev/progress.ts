/**
 * Progress of `e3 dev` per stage. On a terminal: a live block of one line per stage, redrawn in
 * place (spinner, elapsed time, detail). Otherwise (pipes, CI, --json): one plain line per change,
 * `[  12.3s] dkg            done 8.1 s`. Always on stderr when stdout carries JSON.
 */
export type StageState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

type Stage = { key: string; label: string; state: StageState; start?: number; end?: number; detail?: string };

export type ProgressOptions = {
  out: NodeJS.WritableStream & { isTTY?: boolean };
  /** Live redraw; default: out.isTTY. */
  live?: boolean;
  now?: () => number;
};

const SPIN = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const MARK: Record<StageState, string> = { pending: '·', running: '', done: '✔', failed: '✖', skipped: '–' };

export class Progress {
  private readonly stages: Stage[] = [];
  private readonly out: ProgressOptions['out'];
  private readonly live: boolean;
  private readonly now: () => number;
  private readonly t0: number;
  private drawn = 0;
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(stages: readonly { key: string; label: string }[], options: ProgressOptions) {
    this.out = options.out;
    this.live = options.live ?? options.out.isTTY === true;
    this.now = options.now ?? (() => performance.now());
    this.t0 = this.now();
    for (const s of stages) this.stages.push({ ...s, state: 'pending' });
    if (this.live) {
      this.timer = setInterval(() => this.redraw(), 100);
      this.timer.unref();
      this.redraw();
    }
  }

  private get(key: string): Stage {
    const s = this.stages.find((x) => x.key === key);
    if (s === undefined) throw new Error(`unknown stage ${key}`);
    return s;
  }

  start(key: string, detail?: string): void {
    const s = this.get(key);
    s.state = 'running';
    s.start = this.now();
    s.detail = detail;
    this.changed(s);
  }

  /** Updates the detail text of a running stage (e.g. "2/3 inputs"). */
  note(key: string, detail: string): void {
    const s = this.get(key);
    s.detail = detail;
    if (!this.live) this.line(`${s.label.padEnd(16)}${detail}`);
  }

  done(key: string, detail?: string): void {
    const s = this.get(key);
    s.start ??= this.now();
    s.state = 'done';
    s.end = this.now();
    if (detail !== undefined) s.detail = detail;
    this.changed(s);
  }

  fail(key: string, detail: string): void {
    const s = this.get(key);
    s.start ??= this.now();
    s.state = 'failed';
    s.end = this.now();
    s.detail = detail;
    this.changed(s);
  }

  /** Marks whichever stage is running as failed (on error or interruption). */
  failRunning(detail: string): void {
    for (const s of this.stages) if (s.state === 'running') this.fail(s.key, detail);
  }

  /** Seconds spent in each finished stage (for the report). */
  seconds(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const s of this.stages) {
      if (s.start !== undefined && s.end !== undefined) out[s.key] = Math.round((s.end - s.start) / 10) / 100;
    }
    return out;
  }

  /** Plain message (shown above the live block on a terminal). */
  log(message: string): void {
    if (!this.live) return this.line(message);
    this.clear();
    this.out.write(message + '\n');
    this.redraw();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.live) this.redraw();
  }

  private elapsed(): string {
    return `${((this.now() - this.t0) / 1000).toFixed(1)}s`.padStart(7);
  }

  private line(text: string): void {
    this.out.write(`[${this.elapsed()}] ${text}\n`);
  }

  private changed(s: Stage): void {
    if (this.live) return this.redraw();
    const dur = s.end !== undefined && s.start !== undefined ? ` ${((s.end - s.start) / 1000).toFixed(1)} s` : '';
    const state = s.state === 'running' ? 'started' : s.state;
    this.line(`${s.label.padEnd(16)}${state}${dur}${s.detail ? `  ${s.detail}` : ''}`);
  }

  private clear(): void {
    if (this.drawn > 0) this.out.write(`\x1b[${this.drawn}A\x1b[0J`);
    this.drawn = 0;
  }

  private redraw(): void {
    this.frame = (this.frame + 1) % SPIN.length;
    this.clear();
    const lines = this.stages.map((s) => {
      const mark = s.state === 'running' ? SPIN[this.frame] : MARK[s.state];
      const t = s.start === undefined ? '' : `${(((s.end ?? this.now()) - s.start) / 1000).toFixed(1)} s`;
      return ` ${mark} ${s.label.padEnd(16)}${t.padStart(8)}  ${s.detail ?? ''}`;
    });
    this.out.write(lines.join('\n') + '\n');
    this.drawn = lines.length;
  }
}
