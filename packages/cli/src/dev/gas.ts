/**
 * Gas spent on a local chain between two blocks, by what it paid for: every transaction's
 * receipt, named by the function it called (decoded with the contracts' ABIs) or "deploy" for a
 * contract creation. It reads the chain rather than trusting each sender's bookkeeping, so the
 * daemons' transactions (tickets, key, output, plaintext) count as the CLI's own do.
 */
import { decodeFunctionData, type Abi, type Hex, type PublicClient } from 'viem';
import {
  auctionProgramAbi,
  ballotProgramAbi,
  dataPoolProgramAbi,
  e3OrchestratorAbi,
  operatorRegistryAbi,
  programRegistryAbi,
  slashingManagerAbi,
  testTokenAbi,
} from '@interfold/contracts';

// The apps' program contracts (e3 dev --program): their `configure` is named in the report.
const ABIS: readonly Abi[] = [e3OrchestratorAbi, operatorRegistryAbi, programRegistryAbi, slashingManagerAbi, testTokenAbi, ballotProgramAbi, dataPoolProgramAbi, auctionProgramAbi];

export type GasReport = {
  /** gas by function name (or "deploy"), summed over the range */
  byFunction: Record<string, number>;
  /** how many transactions called each */
  count: Record<string, number>;
  total: number;
};

export function functionName(input: Hex, to: string | null): string {
  if (to === null) return 'deploy';
  if (input.length < 10) return 'transfer';
  for (const abi of ABIS) {
    try {
      return decodeFunctionData({ abi, data: input }).functionName;
    } catch {
      // not this contract's function
    }
  }
  return `0x${input.slice(2, 10)}`;
}

/** Sums gasUsed over the blocks [from, to] (inclusive). */
export async function gasBetween(client: PublicClient, from: bigint, to: bigint): Promise<GasReport> {
  const report: GasReport = { byFunction: {}, count: {}, total: 0 };
  for (let b = from; b <= to; b++) {
    const block = await client.getBlock({ blockNumber: b, includeTransactions: true });
    for (const tx of block.transactions) {
      const receipt = await client.getTransactionReceipt({ hash: tx.hash });
      const name = functionName(tx.input, tx.to);
      const gas = Number(receipt.gasUsed);
      report.byFunction[name] = (report.byFunction[name] ?? 0) + gas;
      report.count[name] = (report.count[name] ?? 0) + 1;
      report.total += gas;
    }
  }
  return report;
}
