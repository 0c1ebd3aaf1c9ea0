/**
 * `e3 dev` as a user runs it: a real process with anvil, the contracts, n ciphernode daemons and
 * an E3 end to end. Asserts the JSON contract, the verified result, and that no process it
 * started survives it, whether it ends by itself or by SIGINT. Both runs use `--no-proofs` (the
 * committee's signatures accept the plaintext): the default path, proofs on, is the same CLI code
 * with a program, asserted in apps/ballot/test/e2e-dev.test.ts (every DKG step and decryption share
 * proved and checked, the plaintext accepted by DecryptionProofAdapter). One proved network per CI
 * run of the CLI is what the 2-core CI budget allows.
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
  it('--json at INSECURE_N512 with n = 3 (--no-proofs) ends with correct: true, the plaintext accepted on the committee quorum, and leaves no process behind', { timeout: 600_000 }, async () => {
    const p = startCli(['dev', '--json', '--n', '3', '--params', 'INSECURE_N512', '--inputs', '3', '--no-proofs', '--dir', tmp()]);
    const w = watchDescendants(p);
    const code = await p.code;
    w.stop();
    assert.equal(code, 0, p.stderr());
    const lines = p.stdout().trim().split('\n');
    assert.equal(lines.length, 1, 'stdout holds exactly one JSON object');
    const r = JSON.parse(lines[0]) as Record<string, unknown>;
    for (const k of ['e3Id', 'params', 'n', 'T', 'program', 'inputs', 'result', 'expected', 'correct', 'stages_s', 'proofs', 'decryption_verifier', 'pk_verifier', 'gas', 'wall_s']) {
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
    // The 3 input proofs are real with --no-proofs too (the committee's own proofs are off).
    assert.equal(proofs.generated, 3);
    assert.equal(proofs.verified_on_chain, 3);
    assert.equal(r.decryption_verifier, 'CommitteeQuorumVerifier');
    assert.equal(r.pk_verifier, 'CommitteeQuorumVerifier');
    const gas = r.gas as Record<string, number>;
    assert.ok(gas.publishInput > 0);
    assert.ok(gas.publishPlaintextOutput > 0);
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
