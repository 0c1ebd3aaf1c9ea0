/** Operator identities for `e3 dev` (wired to packages/node's keystore and registration as they land). */
import type { Address } from 'viem';
import { CliError } from '../errors.js';
import type { LocalChain } from './chain.js';

export type Operator = { address: Address; keystore: string };

export async function createOperators(_chain: LocalChain, _o: { n: number; dir: string }): Promise<Operator[]> {
  throw new CliError('not available yet: packages/node exports no keystore or registration', { hint: 'the ciphernode (issue 8) is being built; e3 dev runs once it lands' });
}
