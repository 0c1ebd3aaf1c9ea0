/**
 * Child-process supervision for `e3 dev`: every child is spawned in its own process group
 * (`detached`), so stopping it kills the group (the child and anything it spawned: bb provers,
 * workers) and a terminal's Ctrl-C reaches only us, who then stop children in order. A
 * synchronous exit hook SIGKILLs every group still alive if the CLI dies another way.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';

export type Supervised = {
  name: string;
  pid: number;
  child: ChildProcess;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  exited: Promise<number | string>;
  /** The last lines the child wrote to stderr (for error messages). */
  tail(): string;
};

export type SpawnSpec = {
  name: string;
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Append the child's stdout and stderr to this file. */
  logFile?: string;
  /** Called with each stdout line (e.g. JSON-lines logs). */
  onLine?: (line: string) => void;
};

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

export class Supervisor {
  private readonly children = new Map<number, Supervised>();
  private readonly logs: WriteStream[] = [];
  private readonly exitHook = (): void => {
    for (const pid of this.children.keys()) killGroup(pid, 'SIGKILL');
  };

  constructor() {
    process.on('exit', this.exitHook);
  }

  get running(): readonly Supervised[] {
    return [...this.children.values()];
  }

  spawn(spec: SpawnSpec): Supervised {
    const opts: SpawnOptions = { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: spec.env ?? process.env, cwd: spec.cwd };
    const child = spawn(spec.command, [...spec.args], opts);
    if (child.pid === undefined) throw new Error(`could not spawn ${spec.name}`);
    const pid = child.pid;
    const log = spec.logFile ? createWriteStream(spec.logFile, { flags: 'a' }) : undefined;
    if (log) this.logs.push(log);
    let tail: string[] = [];
    let partial = '';
    child.stdout?.on('data', (d: Buffer) => {
      log?.write(d);
      if (!spec.onLine) return;
      const text = partial + d.toString('utf8');
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) spec.onLine(l);
    });
    child.stderr?.on('data', (d: Buffer) => {
      log?.write(d);
      tail = [...tail, ...d.toString('utf8').split('\n').filter(Boolean)].slice(-20);
    });
    const exited = new Promise<number | string>((resolve) => {
      child.once('exit', (code, signal) => {
        this.children.delete(pid);
        // The group may still hold grandchildren: kill it whatever the leader's fate.
        killGroup(pid, 'SIGKILL');
        resolve(code ?? signal ?? 'unknown');
      });
    });
    const s: Supervised = { name: spec.name, pid, child, exited, tail: () => tail.join('\n') };
    this.children.set(pid, s);
    return s;
  }

  /** SIGTERM to one group, SIGKILL after `graceMs`; resolves when the leader has exited. */
  async stop(s: Supervised, graceMs = 5000): Promise<void> {
    if (!this.children.has(s.pid) && !alive(s.pid)) return;
    killGroup(s.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(s.pid, 'SIGKILL'), graceMs);
    await s.exited;
    clearTimeout(timer);
  }

  /** Stops every child (in reverse start order, concurrently) and closes the log files. */
  async stopAll(graceMs = 5000): Promise<void> {
    await Promise.all([...this.running].reverse().map((s) => this.stop(s, graceMs)));
    await Promise.all(this.logs.map((l) => new Promise<void>((r) => l.end(r))));
    this.logs.length = 0;
  }

  dispose(): void {
    process.off('exit', this.exitHook);
  }
}
