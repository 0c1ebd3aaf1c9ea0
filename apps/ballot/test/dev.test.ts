/**
 * `e3 dev --program ballot --json` as a user runs it (n = 3, T = 1, 3 voters, INSECURE_N512):
 * anvil, the contracts, the ballot program and its input adapter deployed, three ciphernode
 * daemons loading apps/ballot's program module, the poll's allowlist fixed before inputs, three
 * ballots proved (one-hot, listed voter) and verified on chain, the tally decrypted and checked.
 */
import { after, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli } from '../../../packages/cli/test/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'e3-dev-ballot-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('e3 dev --program ballot --json ends correct: true', { timeout: 420_000 }, async () => {
  const p = startCli(['dev', '--json', '--program', 'ballot', '--n', '3', '--inputs', '3', '--params', 'INSECURE_N512', '--dir', dir]);
  assert.equal(await p.code, 0, p.stderr());
  const r = JSON.parse(p.stdout().trim()) as { program: string; inputs: number[]; result: string; expected: string; correct: boolean; proofs: { verified_on_chain: number } };
  assert.equal(r.program, 'ballot');
  assert.equal(r.inputs.length, 3);
  assert.match(r.result, /^yes=\d+,no=\d+,abstain=\d+$/);
  const counts = r.result.split(',').map((x) => Number(x.split('=')[1]));
  assert.equal(counts.reduce((a, b) => a + b, 0), 3, 'three ballots counted');
  assert.equal(r.result, r.expected);
  assert.equal(r.correct, true);
  assert.ok(r.proofs.verified_on_chain >= 3, 'each ballot proof verified on chain');
});
