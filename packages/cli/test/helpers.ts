/** Test helpers: run the CLI in process with captured output, or as a real process (bin/e3.mjs). */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import type { Io } from '../src/args.js';
import { run } from '../src/run.js';

export const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'e3.mjs');

class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

export async function runInProcess(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const io: Io = { stdout, stderr, env, signal: new AbortController().signal };
  const code = await run(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export type Proc = {
  pid: number;
  code: Promise<number | null>;
  stdout(): string;
  stderr(): string;
  kill(sig: NodeJS.Signals): void;
  /** As a terminal's Ctrl-C does: the signal to the CLI's whole foreground process group. */
  killGroup(sig: NodeJS.Signals): void;
};

/** Starts bin/e3.mjs as a real process (its own process group, so a test can SIGINT it alone). */
export function startCli(argv: string[], env: NodeJS.ProcessEnv = {}): Proc {
  const child = spawn(process.execPath, [BIN, ...argv], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  const pid = child.pid ?? -1;
  return { pid, code, stdout: () => out, stderr: () => err, kill: (sig) => child.kill(sig), killGroup: (sig) => process.kill(-pid, sig) };
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = startCli(argv, env);
  const code = await p.code;
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

/** Parent pid of every live process (from /proc), to find a process's descendants. */
function processTable(): Map<number, { ppid: number; state: string }> {
  const table = new Map<number, { ppid: number; state: string }>();
  for (const name of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may hold spaces and parentheses, so split after the last ')'
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), { state: rest[0], ppid: Number(rest[1]) });
    } catch {
      // exited while we read
    }
  }
  return table;
}

/** Every live descendant of `root` (children, grandchildren, …), zombies excluded. */
export function descendants(root: number): number[] {
  const table = processTable();
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const p = queue.shift()!;
    for (const [pid, info] of table) {
      if (info.ppid === p && info.state !== 'Z') {
        out.push(pid);
        queue.push(pid);
      }
    }
  }
  return out;
}

export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Polls `f` every `ms` until it returns true or `limitMs` passes. */
export async function until(f: () => boolean, limitMs: number, ms = 100): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (Date.now() < end) {
    if (f()) return true;
    await new Promise((r) => setTimeout(r, ms));
  }
  return f();
}
