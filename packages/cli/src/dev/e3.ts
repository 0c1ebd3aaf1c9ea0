/** The E3 of `e3 dev` through the SDK (wired to packages/sdk when it lands). */
import type { LocalChain } from './chain.js';
import type { Daemon } from './daemons.js';
import type { Progress } from './progress.js';
export const E3_STAGES = [
  { key: 'request', label: 'request' },
  { key: 'committee', label: 'committee' },
  { key: 'dkg', label: 'dkg + key' },
  { key: 'inputs', label: 'inputs' },
  { key: 'compute', label: 'compute' },
  { key: 'decryption', label: 'decryption' },
  { key: 'verify', label: 'verify' },
] as const;
export type E3Outcome = { e3Id: bigint; inputs: number[]; result: number | null; expected: number; correct: boolean; proofs: { generated: number; verified_on_chain: number } };
export async function runE3(_c: LocalChain, _d: Daemon[], _p: Progress, _o: { n: number; threshold: number; params: string; inputs: number; program: string; timeoutS: number; signal: AbortSignal }): Promise<E3Outcome> {
  throw new Error('not available yet: packages/sdk has no actions');
}
