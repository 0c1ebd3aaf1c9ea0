/**
 * The ballot end to end in one process on INSECURE_N512 (threshold DKG, encryption, the program
 * over ciphertexts, T + 1 decryption shares): the released tally counts each voter's last ballot;
 * an ineligible voter and a two-option ballot are refused; selection is deterministic.
 */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import * as B from '@interfold/bfv';
import { SeededSource } from '@interfold/ring';
import { BallotConfigError, InvalidBallotError, lastBallots, makePoll, optionIndex, runBallot } from '../src/index.js';

const params = B.bfvParameters(B.INSECURE_N512);
const transport = B.bfvParameters(B.INSECURE_TRANSPORT_N512);
const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const BOB = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const CAROL = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
const MALLORY = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65';
const poll = { options: ['yes', 'no', 'abstain'], voters: [ALICE, BOB, CAROL] };

test('the tally counts each voter\'s last ballot; ineligible and malformed ballots are refused', () => {
  const r = runBallot({
    params,
    transport,
    n: 3,
    T: 1,
    lambda: 30,
    userSource: new SeededSource('ballot', 'voters'),
    poll,
    votes: [
      { voter: ALICE, choice: 'yes' },
      { voter: BOB, choice: 'no' },
      { voter: MALLORY, choice: 'yes' }, // not in the allowlist
      { voter: CAROL, choice: [1n, 1n, 0n] }, // two options
      { voter: ALICE, choice: 'abstain' }, // replaces ALICE's first ballot
      { voter: CAROL, choice: 1 },
    ],
  });
  assert.deepEqual(r.refused.map((x) => x.index), [2, 3]);
  assert.match(r.refused[0]!.reason, /allowlist/);
  assert.match(r.refused[1]!.reason, /exactly one option/);
  assert.deepEqual(r.replaced, [0]);
  assert.deepEqual(r.tally, { yes: 0n, no: 2n, abstain: 1n });
  assert.equal(r.correct, true);
});

test('lastBallots: the highest index per voter, independent of list order', () => {
  const inputs = [
    { index: 4, submitter: ALICE, c: 'a2' },
    { index: 1, submitter: BOB, c: 'b1' },
    { index: 0, submitter: ALICE.toLowerCase(), c: 'a1' },
    { index: 7, submitter: BOB, c: 'b2' },
  ];
  assert.deepEqual(lastBallots(inputs).map((x) => x.c), ['a2', 'b2']);
  assert.deepEqual(lastBallots([...inputs].reverse()).map((x) => x.c), ['a2', 'b2']);
  assert.throws(() => lastBallots([{ index: 1, submitter: ALICE }, { index: 1, submitter: BOB }]), InvalidBallotError);
});

test('poll configuration and choices are checked', () => {
  assert.throws(() => makePoll(params, { options: ['a'], voters: [ALICE] }), BallotConfigError);
  assert.throws(() => makePoll(params, { options: ['a', 'a'], voters: [ALICE] }), BallotConfigError);
  assert.throws(() => makePoll(params, { options: ['a', 'b'], voters: [ALICE, ALICE] }), BallotConfigError);
  const p = makePoll(params, poll);
  assert.equal(p.shape.depth, 2);
  assert.equal(optionIndex(p, 'no'), 1);
  assert.throws(() => optionIndex(p, 'maybe'), InvalidBallotError);
  assert.throws(() => optionIndex(p, 3), InvalidBallotError);
});
