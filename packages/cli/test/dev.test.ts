/**
 * `e3 dev` as a user runs it: a real process with anvil, the contracts, n ciphernode daemons and
 * an E3 end to end. Asserts the JSON contract, the verified result, and that no process it
 * started survives it, whether it ends by itself or by SIGINT. The first run is the default path,
 * proofs on: the daemons prove and check every DKG step and decryption share, and the plaintext
 * is accepted on chain by DecryptionProofAdapter (T + 1 C6 proofs and a C7 proof verified). The
 * SIGINT run is not about proofs: `--no-proofs`.
 */
import { after, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { descendants, isAlive, startCli, until, type Proc } from './helpers.js';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'e3-dev-'));
  dirs.push(d);
  return d;
};
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Records every descendant of the CLI while it runs (anvil, daemons, their children). */
function watchDescendants(p: Proc): { seen: Set<number>; stop(): void } {
  const seen = new Set<number>();
  const timer = setInterval(() => {
    for (const pid of descendants(p.pid)) seen.add(pid);
  }, 100);
  return { seen, stop: () => clearInterval(timer) };
}

const comm = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
};

describe('e3 dev', () => {
  it('--json at INSECURE_N512 with n = 3 (proofs on, the default) ends with correct: true, the plaintext verified by DecryptionProofAdapter, and leaves no process behind', { timeout: 900_000 }, async () => {
    const p = startCli(['dev', '--json', '--n', '3', '--params', 'INSECURE_N512', '--inputs', '3', '--dir', tmp()]);
    const w = watchDescendants(p);
    const code = await p.code;
    w.stop();
    assert.equal(code, 0, p.stderr());
    const lines = p.stdout().trim().split('\n');
    assert.equal(lines.length, 1, 'stdout holds exactly one JSON object');
    const r = JSON.parse(lines[0]) as Record<string, unknown>;
    for (const k of ['e3Id', 'params', 'n', 'T', 'program', 'inputs', 'result', 'expected', 'correct', 'stages_s', 'proofs', 'decryption_verifier', 'gas', 'wall_s']) {
      assert.ok(k in r, `report lacks ${k}`);
    }
    assert.equal(r.params, 'INSECURE_N512');
    assert.equal(r.n, 3);
    assert.equal(r.T, 1);
    assert.equal(r.program, 'sum');
    assert.equal((r.inputs as unknown[]).length, 3);
    assert.equal(r.correct, true);
    assert.equal(String(r.result), String(r.expected));
    assert.equal(String(r.expected), String((r.inputs as number[]).reduce((a, b) => a + Number(b), 0)));
    const proofs = r.proofs as { generated: number; verified_on_chain: number };
    // 3 inputs + the daemons' C0, C1, C2, C4 and C6 per member and the aggregator's C7.
    assert.ok(proofs.generated >= 3 + 3 * 5 + 1, `proofs generated: ${proofs.generated}`);
    // 3 inputs, then T + 1 = 2 C6 proofs and one C7 proof for the plaintext.
    assert.equal(r.decryption_verifier, 'DecryptionProofAdapter');
    assert.equal(proofs.verified_on_chain, 3 + 3);
    const gas = r.gas as Record<string, number>;
    assert.ok(gas.publishInput > 0);
    // Three UltraHonk verifications in one publication (≈ 8.3 M gas measured; a signature quorum is ≈ 0.1 M).
    assert.ok(gas.publishPlaintextOutput > 3 * 2_000_000, `publishPlaintextOutput ${gas.publishPlaintextOutput} gas`);
    assert.ok(w.seen.size >= 4, `anvil and 3 daemons were children (saw ${w.seen.size})`);
    const survivors = [...w.seen].filter(isAlive);
    assert.deepEqual(survivors.map((pid) => `${pid} ${comm(pid)}`), [], 'no child survives e3 dev');
  });

  it('SIGINT stops everything it started and exits 130', { timeout: 300_000 }, async () => {
    const p = startCli(['dev', '--n', '3', '--no-proofs', '--dir', tmp()]);
    const w = watchDescendants(p);
    // Interrupt once the daemons run (the most processes at once).
    const reached = await until(() => /daemons\s+done/.test(p.stderr()) || p.stderr().includes('error:'), 240_000, 100);
    assert.ok(reached && !p.stderr().includes('error:'), `e3 dev did not reach the daemons stage:\n${p.stderr()}`);
    const before = descendants(p.pid);
    assert.ok(before.length >= 4, `anvil and 3 daemons run (${before.length})`);
    p.killGroup('SIGINT');
    const code = await p.code;
    w.stop();
    assert.equal(code, 130, p.stderr());
    assert.match(p.stderr(), /SIGINT: stopping everything/);
    const survivors = [...w.seen].filter(isAlive);
    assert.deepEqual(survivors.map((pid) => `${pid} ${comm(pid)}`), [], 'no child survives Ctrl-C');
  });
});
