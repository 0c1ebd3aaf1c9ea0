/** The ciphernode daemons of `e3 dev` (wired to packages/node/bin/ciphernode.ts when it lands). */
import type { Supervisor } from './supervisor.js';
import type { LocalChain } from './chain.js';
import type { Operator } from './operators.js';
export type Daemon = { pid: number };
export async function startDaemons(_s: Supervisor, _c: LocalChain, _o: Operator[], _x: { dir: string; deploymentFile: string; params: string; signal: AbortSignal }): Promise<Daemon[]> {
  throw new Error('not available yet: packages/node has no daemon');
}
