/**
 * `e3 dev --program datapool --json` as a user runs it (n = 3, T = 1, 2 hospitals,
 * INSECURE_N512): the data-pool program and its input adapter deployed, the minimum (2) fixed
 * before inputs, two contributions proved in range and verified on chain, the daemons loading
 * apps/datapool's program module, the sums released (the minimum met) and checked. `--no-proofs`
 * for the committee's own proofs (the contributions' proofs are real): the proved path of the same
 * CLI code is apps/ballot/test/e2e-dev.test.ts's.
 */
import { after, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli } from '../../../packages/cli/test/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'e3-dev-datapool-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('e3 dev --program datapool --json ends correct: true', { timeout: 420_000 }, async () => {
  const p = startCli(['dev', '--json', '--program', 'datapool', '--n', '3', '--inputs', '2', '--params', 'INSECURE_N512', '--no-proofs', '--dir', dir]);
  assert.equal(await p.code, 0, p.stderr());
  const r = JSON.parse(p.stdout().trim()) as { program: string; inputs: number[]; result: string; expected: string; correct: boolean; proofs: { verified_on_chain: number } };
  assert.equal(r.program, 'datapool');
  assert.equal(r.inputs.length, 2);
  assert.match(r.result, /^flu=\d+,covid=\d+,rsv=\d+,measles=\d+,mumps=\d+,pertussis=\d+,tb=\d+,other=\d+$/);
  assert.equal(Number(r.result.split(',')[0]!.split('=')[1]), r.inputs[0]! + r.inputs[1]!, 'the first field is the sum of the two first counts');
  assert.equal(r.result, r.expected);
  assert.equal(r.correct, true);
  assert.ok(r.proofs.verified_on_chain >= 2);
});
