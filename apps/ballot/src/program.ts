/**
 * The secret ballot as a program module (SYSTEM.md §6: parameter set, input encoding, validity
 * circuit, compute over ciphertexts, decode, leakage). docs/apps/ballot.md.
 */
import { PRODUCTION, bfvParameters, type BfvParameters } from '@interfold/bfv';
import { BallotCircuit, ballotChoice } from '@interfold/circuits';
import { makePoll } from './config.js';
import { ballotVector, encodeBallot, checkBallotVector } from './encode.js';
import { computeTally, lastBallots } from './compute.js';
import { decodeTally, plainTally } from './decode.js';

export const LEAKAGE = `Secret ballot, one-hot, one counted ballot per voter (the last accepted). Released (to everyone, once T + 1 members decrypt): the per-option tally of the counted ballots. Public on chain regardless: the allowlist root, which addresses submitted ballots, when and how often (so who voted and who re-voted, never how). No ballot is released; a tally reveals a voter's choice when the tally itself does (e.g. a unanimous poll, or the other voters colluding). The requester, the compute provider and one member see only ciphertexts and the tally; T members hold T Shamir shares (nothing); T + 1 members can decrypt anything, including each ballot (the threshold assumption). See docs/apps/ballot.md.`;

export const ballotProgram = Object.freeze({
  name: 'ballot/one-hot/v1',
  /** PRODUCTION (t = 1097729): tallies never wrap for allowlists up to 2^20 voters. */
  params: (): BfvParameters => bfvParameters(PRODUCTION),
  depth: Object.freeze({ multiplications: 0, products: 0 }),
  poll: makePoll,
  encode: encodeBallot,
  vector: ballotVector,
  check: checkBallotVector,
  /** The input circuit: user encryption + one-hot + allowlist membership of the voter (noir/ballot_validity). */
  circuit: BallotCircuit.load,
  validity: ballotChoice,
  select: lastBallots,
  compute: computeTally,
  decode: decodeTally,
  reference: plainTally,
  leakage: LEAKAGE,
});
