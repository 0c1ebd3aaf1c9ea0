/**
 * `e3 dev --program ballot --json` as a user runs it (n = 3, T = 1, 3 voters, INSECURE_N512):
 * anvil, the contracts, the ballot program and its input adapter deployed, three ciphernode
 * daemons loading apps/ballot's program module, the poll's allowlist fixed before inputs, three
 * ballots proved (one-hot, listed voter) and verified on chain, the tally decrypted and checked.
 * The default path, proofs on: the daemons prove and check every DKG step (C0, C1, C2, C4) and
 * decryption share (C6), the aggregator proves C7, and the plaintext is accepted on chain by
 * DecryptionProofAdapter (T + 1 C6 proofs and a C7 proof verified). This is CI's one proved run
 * of the CLI: packages/cli/test/dev.test.ts and apps/datapool's run with --no-proofs.
 */
import { after, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli } from '../../../packages/cli/test/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'e3-dev-ballot-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('e3 dev --program ballot --json ends correct: true (proofs on: plaintext through DecryptionProofAdapter)', { timeout: 900_000 }, async () => {
  const p = startCli(['dev', '--json', '--program', 'ballot', '--n', '3', '--inputs', '3', '--params', 'INSECURE_N512', '--dir', dir]);
  assert.equal(await p.code, 0, p.stderr());
  const lines = p.stdout().trim().split('\n');
  assert.equal(lines.length, 1, 'stdout holds exactly one JSON object');
  const r = JSON.parse(lines[0]!) as { program: string; inputs: number[]; result: string; expected: string; correct: boolean; proofs: { generated: number; verified_on_chain: number }; decryption_verifier: string; gas: Record<string, number> };
  assert.equal(r.program, 'ballot');
  assert.equal(r.inputs.length, 3);
  assert.match(r.result, /^yes=\d+,no=\d+,abstain=\d+$/);
  const counts = r.result.split(',').map((x) => Number(x.split('=')[1]));
  assert.equal(counts.reduce((a, b) => a + b, 0), 3, 'three ballots counted');
  assert.equal(r.result, r.expected);
  assert.equal(r.correct, true);
  // 3 ballots + the daemons' C0, C1, C2, C4 and C6 per member and the aggregator's C7.
  assert.ok(r.proofs.generated >= 3 + 3 * 5 + 1, `proofs generated: ${r.proofs.generated}`);
  // 3 ballots, then T + 1 = 2 C6 proofs and one C7 proof for the plaintext.
  assert.equal(r.decryption_verifier, 'DecryptionProofAdapter');
  assert.equal(r.proofs.verified_on_chain, 3 + 3);
  // Three UltraHonk verifications in one publication (≈ 2.9 M gas measured with bb's optimized ZK
  // verifier, ≈ 0.9 M each; a signature quorum is ≈ 0.1 M).
  assert.ok(r.gas.publishPlaintextOutput! > 3 * 600_000, `publishPlaintextOutput ${r.gas.publishPlaintextOutput} gas`);
});
