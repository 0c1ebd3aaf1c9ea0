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
 *
 *   node scripts/lanes.mjs "ring bfv circuits" "contracts node sdk"
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const serial = args.includes('--serial');
const lanes = args.filter((a) => a !== '--serial').map((l) => l.split(/\s+/).filter(Boolean));
if (lanes.length === 0 || lanes.some((l) => l.length === 0)) {
  console.error('usage: node scripts/lanes.mjs [--serial] "<script> <script> ..." ["<script> ..." ...]');
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

if (serial) for (const lane of lanes) await runLane(lane);
else await Promise.all(lanes.map(runLane));

const wall = Math.round((Date.now() - started) / 1000);
console.log('\nsuite            result   seconds');
for (const r of results) console.log(`${r.name.padEnd(16)} ${(r.ok ? 'ok' : 'FAILED').padEnd(8)} ${String(r.seconds).padStart(7)}`);
console.log(`wall ${wall} s (${serial ? 'serial' : `${lanes.length} lanes`})`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
