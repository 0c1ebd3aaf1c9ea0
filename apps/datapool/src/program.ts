/**
 * The confidential data pool as a program module (SYSTEM.md §6: parameter set, input encoding,
 * validity circuit, compute over ciphertexts, decode, leakage). docs/apps/datapool.md.
 */
import { PRODUCTION, bfvParameters, type BfvParameters } from '@interfold/bfv';
import { DataPoolCircuit, dataPoolCounts } from '@interfold/circuits';
import { checkDataPoolConfig } from './config.js';
import { countVector, encodeContribution } from './encode.js';
import { computeDataPool, countedContributions } from './compute.js';
import { decodeDataPool, plainDataPool } from './decode.js';

export const LEAKAGE = `Confidential data pool. Released (to everyone, once T + 1 members decrypt): the per-field sums over the counted contributions (the first accepted input of each distinct submitter), and only if at least minContributors distinct submitters took part; otherwise nothing is decrypted. Public on chain regardless: which addresses submitted, when, and how many. No individual count is released; a sum over k contributors reveals one contributor's counts to the other k − 1 if they collude (why minContributors exists). The requester, the compute provider and one member see only ciphertexts and the sums; T members hold T Shamir shares (nothing); T + 1 members can decrypt anything (the threshold assumption). See docs/apps/datapool.md.`;

export const dataPoolProgram = Object.freeze({
  name: 'datapool/sum/v1',
  /** PRODUCTION (t = 1097729): with maxCount = 10^5 at most 10 contributors (maxContributors · maxCount < t). */
  params: (): BfvParameters => bfvParameters(PRODUCTION),
  depth: Object.freeze({ multiplications: 0, products: 0 }),
  check: checkDataPoolConfig,
  encode: encodeContribution,
  counts: countVector,
  /** The input circuit: user encryption + every count in [0, maxCount] (noir/datapool_validity). */
  circuit: DataPoolCircuit.load,
  validity: dataPoolCounts,
  select: countedContributions,
  compute: computeDataPool,
  decode: decodeDataPool,
  reference: plainDataPool,
  leakage: LEAKAGE,
});
