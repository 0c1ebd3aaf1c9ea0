/**
 * `npm run bench:e3 -- --dev [--sets INSECURE_N512] [--n 3]`: the issue's `e3 dev` targets,
 * measured the way a user runs it — `e3 dev --json` as a child process (packages/cli), its
 * `stages_s`, `wall_s`, proofs and gas recorded per set and committee size in
 * bench/results/e3-dev.json (`"<set>/n=<n>"`, plus when and the load average at the start and
 * end, since this 2-core machine is often shared). Unlike the default mode (node e2e harness), this
 * includes the circuits, deploy, operator and daemon start-up stages and the real input proofs.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const out = join(here, '..', 'results', 'e3-dev.json');

type DevRecord = { at: string; load_avg_1m: [number, number]; report: Record<string, unknown> };

function runDevJson(set: string, n: number, dir: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'packages/cli/src/main.ts'), 'dev', '--json', '--params', set, '--n', String(n), '--dir', dir, '--timeout', '3600'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as Record<string, unknown>);
      } catch {
        reject(new Error(`e3 dev exited ${code} without a JSON report`));
      }
    });
  });
}

export async function benchDev(sets: readonly string[], sizes: readonly number[]): Promise<void> {
  const results: Record<string, DevRecord> = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, DevRecord>) : {};
  for (const set of sets) {
    for (const n of sizes) {
      console.log(`e3 dev ${set} n=${n} …`);
      const dir = mkdtempSync(join(tmpdir(), 'e3-dev-bench-'));
      const before = loadavg()[0]!;
      try {
        const report = await runDevJson(set, n, dir);
        results[`${set}/n=${n}`] = { at: new Date().toISOString(), load_avg_1m: [before, loadavg()[0]!], report };
        console.log(JSON.stringify(report));
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  console.log(`wrote ${out}`);
}
