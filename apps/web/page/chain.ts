/**
 * Everything the pages show about E3s, read from the chain by the page itself (through the
 * same-origin RPC relay): the orchestrator's events (stage timeline with block times, committee,
 * expelled members, accepted inputs, output, plaintext, failure and its reason) and, block by
 * block, the receipts of transactions to the orchestrator — gas spent per E3 and transactions the
 * chain reverted (with the decoded reason). Incremental: blocks already read are not read again.
 */
import { decodeEventLog, decodeFunctionData, type Address, type Hash, type Hex } from 'viem';
import { decodeRevert, e3OrchestratorAbi, FailureReason, Stage } from '@interfold/contracts';
import type { E3Client, E3View } from '@interfold/sdk';

export type TimelineEntry = { readonly label: string; readonly block: bigint; readonly time: number };
export type Refusal = { readonly e3Id: bigint; readonly sender: Address; readonly fn: string; readonly reason: string; readonly block: bigint; readonly tx: Hash };
export type E3Summary = {
  readonly e3Id: bigint;
  view: E3View;
  readonly timeline: TimelineEntry[];
  committee: Address[];
  readonly expelled: Address[];
  readonly inputs: { index: bigint; sender: Address; block: bigint; tx: Hash }[];
  readonly refused: Refusal[];
  gas: bigint;
  txs: number;
};

const failureName = (r: number): string => Object.entries(FailureReason).find(([, v]) => v === r)?.[0] ?? `reason ${r}`;
const stageName = (s: number): string => Object.entries(Stage).find(([, v]) => v === s)?.[0] ?? `stage ${s}`;
export { stageName };

type RawReceipt = { transactionHash: Hash; blockNumber: Hex; to: Address | null; from: Address; status: Hex; gasUsed: Hex; logs: { address: Address; topics: Hex[]; data: Hex }[] };

export class ChainIndex {
  readonly e3s = new Map<bigint, E3Summary>();
  private scanned: bigint;
  private logsFrom: bigint;
  private readonly times = new Map<bigint, number>();
  constructor(private readonly client: E3Client) {
    this.scanned = client.deployment.startBlock - 1n;
    this.logsFrom = client.deployment.startBlock;
  }

  private get orchestrator(): Address {
    return this.client.deployment.contracts.orchestrator;
  }

  private async time(block: bigint): Promise<number> {
    let t = this.times.get(block);
    if (t === undefined) {
      t = Number((await this.client.publicClient.getBlock({ blockNumber: block })).timestamp);
      this.times.set(block, t);
    }
    return t;
  }

  private summary(e3Id: bigint): E3Summary | undefined {
    return this.e3s.get(e3Id);
  }

  /** Reads what is new since the last call; returns the E3s, newest first. */
  async refresh(): Promise<E3Summary[]> {
    const pc = this.client.publicClient;
    const head = await pc.getBlockNumber();
    if (head >= this.logsFrom) {
      const logs = await pc.getContractEvents({ address: this.orchestrator, abi: e3OrchestratorAbi, fromBlock: this.logsFrom, toBlock: head });
      for (const l of logs) await this.onLog(l.eventName, l.args as Record<string, unknown>, l.blockNumber, l.transactionHash);
      this.logsFrom = head + 1n;
    }
    await this.scanReceipts(head);
    await Promise.all(
      [...this.e3s.values()].map(async (s) => {
        if (s.view.stage !== Stage.Complete && s.view.stage !== Stage.Failed) s.view = await this.client.getE3({ e3Id: s.e3Id });
      }),
    );
    return [...this.e3s.values()].sort((a, b) => (a.e3Id < b.e3Id ? 1 : -1));
  }

  private async onLog(name: string, a: Record<string, unknown>, block: bigint, tx: Hash): Promise<void> {
    const e3Id = a.e3Id as bigint | undefined;
    if (e3Id === undefined) return;
    if (name === 'E3Requested') {
      if (!this.e3s.has(e3Id)) {
        const view = await this.client.getE3({ e3Id });
        this.e3s.set(e3Id, { e3Id, view, timeline: [], committee: [], expelled: [], inputs: [], refused: [], gas: 0n, txs: 0 });
      }
    }
    const s = this.summary(e3Id);
    if (!s) return;
    const at = async (label: string): Promise<void> => void s.timeline.push({ label, block, time: await this.time(block) });
    switch (name) {
      case 'E3Requested':
        return at('requested');
      case 'SeedFixed':
        return at('seed fixed');
      case 'CommitteeFinalized':
        s.committee = [...(a.members as Address[])];
        return at(`committee of ${s.committee.length} finalised`);
      case 'MemberExpelled':
        s.expelled.push(a.node as Address);
        return at(`member ${String(a.node).slice(0, 10)}… expelled`);
      case 'PublicKeyPublished':
        return at('public key published');
      case 'InputPublished':
        s.inputs.push({ index: a.index as bigint, sender: a.sender as Address, block, tx });
        if (s.inputs.length === 1) await at('first input accepted');
        return;
      case 'CiphertextOutputPublished':
        return at(`output ciphertext over ${String(a.inputCount)} inputs published`);
      case 'PlaintextOutputPublished':
        return at('plaintext published (decryption verified)');
      case 'E3Completed':
        return at('complete');
      case 'E3Failed':
        return at(`failed at ${stageName(Number(a.failedAt))}: ${failureName(Number(a.reason))}`);
      default:
        return;
    }
  }

  /** Receipts of transactions to the orchestrator: gas per E3 and reverted transactions with their reason. */
  private async scanReceipts(head: bigint): Promise<void> {
    const pc = this.client.publicClient;
    const orch = this.orchestrator.toLowerCase();
    while (this.scanned < head) {
      const from = this.scanned + 1n;
      const to = from + 31n < head ? from + 31n : head;
      const blocks: bigint[] = [];
      for (let b = from; b <= to; b++) blocks.push(b);
      const request = pc.request as unknown as (a: { method: 'eth_getBlockReceipts'; params: [Hex] }) => Promise<RawReceipt[] | null>;
      const all = await Promise.all(blocks.map((b) => request({ method: 'eth_getBlockReceipts', params: [`0x${b.toString(16)}`] })));
      for (const receipts of all) {
        for (const r of receipts ?? []) {
          if (r.to?.toLowerCase() !== orch) continue;
          await this.onReceipt(r);
        }
      }
      this.scanned = to;
    }
  }

  private async onReceipt(r: RawReceipt): Promise<void> {
    const pc = this.client.publicClient;
    const tx = await pc.getTransaction({ hash: r.transactionHash });
    let fn = 'unknown';
    let e3Id: bigint | undefined;
    try {
      const d = decodeFunctionData({ abi: e3OrchestratorAbi, data: tx.input });
      fn = d.functionName;
      const first = (d.args as readonly unknown[] | undefined)?.[0];
      if (typeof first === 'bigint') e3Id = first;
    } catch {
      /* not an orchestrator call we know */
    }
    if (fn === 'request') {
      for (const l of r.logs) {
        try {
          const ev = decodeEventLog({ abi: e3OrchestratorAbi, data: l.data, topics: l.topics as [Hex, ...Hex[]] });
          if (ev.eventName === 'E3Requested') e3Id = ev.args.e3Id;
        } catch {
          /* another event */
        }
      }
    }
    if (e3Id === undefined) return;
    const s = this.summary(e3Id);
    if (!s) return;
    s.gas += BigInt(r.gasUsed);
    s.txs++;
    if (r.status === '0x1') return;
    // Reverted: replay the call on the parent block's state for the contract's reason.
    let reason = 'reverted';
    try {
      await pc.call({ account: tx.from, to: tx.to ?? undefined, data: tx.input, blockNumber: BigInt(r.blockNumber) - 1n });
    } catch (e) {
      const d = decodeRevert(e);
      reason = d ? `${d.errorName}(${d.args.map(String).join(', ')})` : 'reverted (reason not decoded)';
    }
    s.refused.push({ e3Id, sender: tx.from, fn, reason, block: BigInt(r.blockNumber), tx: r.transactionHash });
  }
}
