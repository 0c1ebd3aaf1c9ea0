#!/usr/bin/env node
/**
 * Runs the package test scripts in parallel lanes: each argument is one lane, a space-separated
 * list of `test:<name>` scripts run one after another; the lanes run side by side.
 *
 * Why: CI has 2 cores and most suites use one (proving suites and the anvil/daemon suites wait on
 * different things), so two lanes cut the wall time without changing any test. Each script's
 * output is buffered and printed whole when it ends (lanes do not interleave lines), and also
 * written to .test-logs/<name>.log. Every script runs even after a failure; the exit code is 1 if
 * any failed. `--serial` runs every lane's scripts one after another (for debugging).
 * `--jobs N` ignores the lane split: N workers take the scripts from one queue in the order given
 * (put the longest first), so no worker idles while another still has a long list.
 *
 *   node scripts/lanes.mjs "ring bfv circuits" "contracts node sdk"
 *   node scripts/lanes.mjs --jobs 2 "circuits node contracts ring"
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const serial = args.includes('--serial');
const jobsAt = args.indexOf('--jobs');
const jobs = jobsAt >= 0 ? Number(args[jobsAt + 1]) : 0;
if (jobsAt >= 0 && !(Number.isInteger(jobs) && jobs >= 1)) {
  console.error('--jobs takes a positive integer');
  process.exit(2);
}
const lanes = args.filter((a, i) => a !== '--serial' && (jobsAt < 0 || (i !== jobsAt && i !== jobsAt + 1))).map((l) => l.split(/\s+/).filter(Boolean));
if (lanes.length === 0 || lanes.some((l) => l.length === 0)) {
  console.error('usage: node scripts/lanes.mjs [--serial | --jobs N] "<script> <script> ..." ["<script> ..." ...]');
  process.exit(2);
}
mkdirSync('.test-logs', { recursive: true });

const children = new Set();
const results = [];
const started = Date.now();

function runScript(name) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    // detached: a process group of its own, so an interrupt can stop the whole tree.
    const child = spawn('npm', ['run', `test:${name}`], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    children.add(child);
    const chunks = [];
    child.stdout.on('data', (d) => chunks.push(d));
    child.stderr.on('data', (d) => chunks.push(d));
    child.on('close', (code, signal) => {
      children.delete(child);
      const seconds = Math.round((Date.now() - t0) / 1000);
      const out = Buffer.concat(chunks);
      writeFileSync(`.test-logs/${name}.log`, out);
      const ok = code === 0;
      process.stdout.write(`\n===== test:${name} ${ok ? 'ok' : `FAILED (${signal ?? code})`} in ${seconds} s =====\n`);
      process.stdout.write(out);
      process.stdout.write(`===== end of test:${name} =====\n`);
      results.push({ name, ok, seconds });
      resolve(ok);
    });
  });
}

async function runLane(lane) {
  for (const name of lane) await runScript(name);
}

function stopAll(signal) {
  for (const c of children) {
    try {
      process.kill(-c.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  process.exit(signal === 'SIGINT' ? 130 : 143);
}
process.on('SIGINT', () => stopAll('SIGINT'));
process.on('SIGTERM', () => stopAll('SIGTERM'));

const queue = lanes.flat();
async function worker() {
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) await runScript(name);
}
if (serial) for (const lane of lanes) await runLane(lane);
else if (jobs > 0) await Promise.all(Array.from({ length: jobs }, worker));
else await Promise.all(lanes.map(runLane));

const wall = Math.round((Date.now() - started) / 1000);
console.log('\nsuite            result   seconds');
for (const r of results) console.log(`${r.name.padEnd(16)} ${(r.ok ? 'ok' : 'FAILED').padEnd(8)} ${String(r.seconds).padStart(7)}`);
console.log(`wall ${wall} s (${serial ? 'serial' : jobs > 0 ? `${jobs} workers, one queue` : `${lanes.length} lanes`})`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
