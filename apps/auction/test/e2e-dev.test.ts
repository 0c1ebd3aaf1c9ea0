/**
 * A sealed-bid auction through the real network, as `e3 dev --program auction` runs it: anvil with
 * every contract and AuctionProgram + AuctionBidAdapter deployed, three ciphernode daemons over
 * libp2p with their LevelDB stores, the DKG with the relinearisation-key rounds and the committee's
 * masks (core/rlk.ts), two bids proved with the bid circuit and verified on chain, the depth-1
 * program computed by the first daemon and recomputed by every member, threshold decryption, and
 * the decoded winner and price compared with the plaintext auction of the same bids.
 *
 * Lean for CI: INSECURE_N1024 (the smallest set with a depth-1 budget), n = 3, 2 bids, and
 * `--no-proofs` for the daemons' own DKG/decryption proofs (the path with them is e3 dev's default
 * and is covered by apps/ballot/test/e2e-dev.test.ts); the bids' validity proofs are real.
 */
import { after, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli } from '../../../packages/cli/test/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'e3-auction-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('e2e: e3 dev --program auction (anvil, three daemons, INSECURE_N1024)', () => {
  it('ends with the plaintext auction’s winner and price (correct: true)', { timeout: 1_200_000 }, async () => {
    const p = startCli(['dev', '--program', 'auction', '--inputs', '2', '--no-proofs', '--json', '--dir', dir]);
    const code = await p.code;
    assert.equal(code, 0, p.stderr().slice(-4000));
    const r = JSON.parse(p.stdout().trim()) as { params: string; program: string; inputs: number[]; result: string; expected: string; correct: boolean };
    assert.equal(r.params, 'INSECURE_N1024');
    assert.equal(r.program, 'auction');
    assert.equal(r.inputs.length, 2);
    // The expected outcome is the plaintext auction of the reported levels (bidder ids 1, 2).
    const top = Math.max(...r.inputs);
    const winners = r.inputs.flatMap((l, i) => (l === top ? [i + 1] : []));
    assert.equal(r.expected, winners.length === 1 ? `winner ${winners[0]}, price ${top}` : `tie of ${winners.length} at price ${top}`);
    assert.equal(r.result, r.expected);
    assert.equal(r.correct, true);
  });
});
