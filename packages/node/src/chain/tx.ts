/**
 * ChainTxSender: sends the transactions the core and the sortition duty ask for (ChainTx of
 * src/types.ts). One queue per operator key with a local nonce (refreshed from the chain after a
 * nonce error), gas estimated first (an estimate that reverts is decoded with the contracts'
 * `decodeRevert` without spending gas), transient RPC failures retried with backoff, receipts
 * awaited, and gas used reported per function for /metrics. Calldata is built with
 * `encodeFunctionData` on the typed ABIs of @interfold/contracts, so every argument is checked
 * against the ABI at compile time.
 *
 * Expected reverts: several nodes race for permissionless calls (fixSeed, finalizeCommittee, a
 * publication by the aggregator and its fail-over); the loser's revert (WrongStage, ...) is a
 * normal outcome, reported as `{ status: 'skipped' }`, not an error.
 */
import { decodeRevert, e3OrchestratorAbi, slashingManagerAbi } from '@interfold/contracts';
import { encodeFunctionData, type Account, type Address, type Chain, type Hex, type PublicClient, type Transport, type WalletClient } from 'viem';
import type { ChainTx } from '../types.js';
import { RpcUnavailableError, TxRevertedError } from './errors.js';

export type TxOutcome =
  | { readonly status: 'mined'; readonly fn: ChainTx['fn']; readonly hash: Hex; readonly gasUsed: bigint; readonly blockNumber: bigint }
  | { readonly status: 'skipped'; readonly fn: ChainTx['fn']; readonly errorName: string };

/** Reverts that mean "someone else already did it" or "not yet": never an error. */
export const EXPECTED_REVERTS: Readonly<Record<ChainTx['fn'], readonly string[]>> = Object.freeze({
  fixSeed: ['WrongStage', 'SeedNotYetAvailable'],
  submitTicket: ['TicketNotCompetitive', 'AlreadySubmitted', 'SortitionClosed', 'WrongStage', 'SeedNotYetAvailable'],
  finalizeCommittee: ['WrongStage', 'SortitionStillOpen', 'InsufficientSubmissions', 'DeadlinePassed'],
  publishPublicKey: ['WrongStage'],
  publishCiphertextOutput: ['WrongStage', 'InputWindowStillOpen'],
  rejectCiphertextOutput: ['WrongStage'],
  publishPlaintextOutput: ['WrongStage'],
  markFailed: ['WrongStage', 'NotFailable'],
  slashEquivocation: ['EvidenceAlreadyUsed', 'NotCommitteeMember'],
  accuse: ['AccusationExists', 'NotCommitteeMember'],
});

export type ChainTxSenderOptions = {
  readonly wallet: WalletClient<Transport, Chain, Account>;
  readonly client: PublicClient;
  readonly orchestrator: Address;
  readonly slashingManager: Address;
  /** Attempts for transient RPC failures (default 4). */
  readonly retries?: number;
  readonly onGas?: (fn: ChainTx['fn'], gasUsed: bigint) => void;
};

/** The calldata of one ChainTx, from the typed ABIs. */
export function encodeChainTx(tx: ChainTx, orchestrator: Address, slashingManager: Address): { to: Address; data: Hex } {
  const o = (data: Hex) => ({ to: orchestrator, data });
  switch (tx.fn) {
    case 'fixSeed':
      return o(encodeFunctionData({ abi: e3OrchestratorAbi, functionName: 'fixSeed', args: [tx.e3Id] }));
    case 'submitTicket':
      return o(encodeFunctionData({ abi: e3OrchestratorAbi, functionName: 'submitTicket', args: [tx.e3Id, tx.ticket] }));
    case 'finalizeCommittee':
      return o(encodeFunctionData({ abi: e3OrchestratorAbi, functionName: 'finalizeCommittee', args: [tx.e3Id] }));
    case 'markFailed':
      return o(encodeFunctionData({ abi: e3OrchestratorAbi, functionName: 'markFailed', args: [tx.e3Id] }));
    case 'publishPublicKey':
      return o(encodeFunctionData({ abi: e3OrchestratorAbi, functionName: 'publishPublicKey', args: [tx.e3Id, tx.publicKey, tx.pkCommitment, tx.proof] }));
    case 'publishCiphertextOutput':
      return o(
        encodeFunctionData({
          abi: e3OrchestratorAbi,
          functionName: 'publishCiphertextOutput',
          args: [tx.e3Id, tx.ciphertext, tx.ciphertextCommitment, tx.inputRoot],
        }),
      );
    case 'rejectCiphertextOutput':
      return o(encodeFunctionData({ abi: e3OrchestratorAbi, functionName: 'rejectCiphertextOutput', args: [tx.e3Id, [...tx.signatures]] }));
    case 'publishPlaintextOutput':
      return o(encodeFunctionData({ abi: e3OrchestratorAbi, functionName: 'publishPlaintextOutput', args: [tx.e3Id, tx.plaintext, tx.proof] }));
    case 'slashEquivocation':
      return {
        to: slashingManager,
        data: encodeFunctionData({
          abi: slashingManagerAbi,
          functionName: 'slashEquivocation',
          args: [tx.e3Id, tx.node, tx.slot, tx.payloadA, tx.sigA, tx.payloadB, tx.sigB],
        }),
      };
    case 'accuse':
      return {
        to: slashingManager,
        data: encodeFunctionData({
          abi: slashingManagerAbi,
          functionName: 'accuse',
          args: [tx.e3Id, tx.accused, tx.proofKind, tx.statement, [...tx.signatures]],
        }),
      };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isNonceError(e: unknown): boolean {
  const m = e instanceof Error ? e.message.toLowerCase() : '';
  return m.includes('nonce too low') || m.includes('nonce has already been used') || m.includes('replacement transaction underpriced');
}

export class ChainTxSender {
  private readonly o: ChainTxSenderOptions;
  private queue: Promise<unknown> = Promise.resolve();
  private nonce: number | undefined;
  readonly address: Address;

  constructor(options: ChainTxSenderOptions) {
    this.o = options;
    this.address = options.wallet.account.address;
  }

  /** Queues `tx`; resolves once mined (or skipped on an expected revert). */
  send(tx: ChainTx, tolerate: readonly string[] = EXPECTED_REVERTS[tx.fn]): Promise<TxOutcome> {
    const run = this.queue.then(() => this.sendNow(tx, tolerate));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async sendNow(tx: ChainTx, tolerate: readonly string[]): Promise<TxOutcome> {
    const { to, data } = encodeChainTx(tx, this.o.orchestrator, this.o.slashingManager);
    const account = this.o.wallet.account;
    const attempts = this.o.retries ?? 4;
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await sleep(200 * 2 ** (attempt - 1));
      let gas: bigint;
      try {
        gas = await this.o.client.estimateGas({ account, to, data });
      } catch (e) {
        const r = decodeRevert(e);
        if (r !== undefined) return this.reverted(tx, r.errorName, tolerate, e);
        lastError = e;
        continue; // transport trouble: retry
      }
      try {
        this.nonce ??= await this.o.client.getTransactionCount({ address: account.address, blockTag: 'pending' });
        const nonce = this.nonce;
        const hash = await this.o.wallet.sendTransaction({ account, to, data, gas: (gas * 6n) / 5n + 10_000n, nonce, chain: this.o.wallet.chain });
        this.nonce = nonce + 1;
        const receipt = await this.o.client.waitForTransactionReceipt({ hash, pollingInterval: 100, timeout: 120_000 });
        if (receipt.status !== 'success') {
          // Lost a race between the estimate and the block: name the reason from the new state.
          const name = await this.o.client.estimateGas({ account, to, data }).then(
            () => 'reverted',
            (e: unknown) => decodeRevert(e)?.errorName ?? 'reverted',
          );
          return this.reverted(tx, name, tolerate, undefined, hash);
        }
        this.o.onGas?.(tx.fn, receipt.gasUsed);
        return { status: 'mined', fn: tx.fn, hash, gasUsed: receipt.gasUsed, blockNumber: receipt.blockNumber };
      } catch (e) {
        if (e instanceof TxRevertedError) throw e;
        this.nonce = undefined; // re-read: a nonce error, or a send whose fate we do not know
        lastError = e;
        if (!isNonceError(e)) continue;
      }
    }
    throw new RpcUnavailableError(`${tx.fn} could not be sent`, { details: `${attempts} attempts`, cause: lastError });
  }

  private reverted(tx: ChainTx, errorName: string, tolerate: readonly string[], cause?: unknown, hash?: Hex): TxOutcome {
    if (tolerate.includes(errorName)) return { status: 'skipped', fn: tx.fn, errorName };
    throw new TxRevertedError(`${tx.fn} reverted`, { details: `${errorName}${hash ? ` (${hash})` : ''} e3Id ${tx.e3Id}`, cause, errorName });
  }
}
