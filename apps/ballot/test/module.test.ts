/**
 * The ballot's daemon module (createProgram): over the chain's accepted inputs (bigint indices,
 * any list order) it counts each voter's last ballot; the tally decrypts to the plain tally of
 * those ballots. A single key stands in for the committee's (the DKG is not under test here).
 */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import * as B from '@interfold/bfv';
import { SeededSource } from '@interfold/ring';
import { createProgram, makePoll, encodeBallot, decodeTally, InvalidBallotError, type ProgramInput } from '../src/index.js';

const params = B.bfvParameters(B.INSECURE_N512);
const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const BOB = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const poll = makePoll(params, { options: ['yes', 'no', 'abstain'], voters: [ALICE, BOB] });

test('createProgram: the last ballot per voter is counted, whatever the list order', () => {
  const src = new SeededSource('ballot-module', 'keys');
  const sk = B.genSecretKey(params, src);
  const pk = B.genPublicKey(params, sk, { src });
  const input = (index: bigint, submitter: `0x${string}`, choice: string): ProgramInput => ({
    index,
    submitter,
    ciphertext: B.encrypt(params, pk, encodeBallot(params, poll, choice), src),
    data: new Uint8Array(0),
  });
  const inputs = [input(0n, ALICE, 'yes'), input(1n, BOB, 'no'), input(2n, ALICE.toLowerCase() as `0x${string}`, 'abstain')];
  const program = createProgram(7n);
  assert.equal(program.id, 7n);
  assert.equal(program.name, 'ballot/one-hot/v1');
  const ctx = { e3Id: 1n, committee: [] };
  const tally = decodeTally(poll, B.decrypt(params, sk, program.compute(params, inputs, ctx)));
  assert.deepEqual(tally, { yes: 0n, no: 1n, abstain: 1n });
  const again = decodeTally(poll, B.decrypt(params, sk, program.compute(params, [...inputs].reverse(), ctx)));
  assert.deepEqual(again, tally);
  assert.throws(() => program.compute(params, [], ctx), InvalidBallotError);
  assert.throws(() => program.compute(params, [{ ...inputs[0]!, index: -1n }], ctx), InvalidBallotError);
});
