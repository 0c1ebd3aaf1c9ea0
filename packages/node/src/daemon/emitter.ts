/**
 * The node's typed event emitter: every phase change of every E3, exclusions, transactions,
 * messages dropped at the wire, chain reorgs. For the CLI's progress display and for tests.
 */
import { EventEmitter } from 'node:events';
import type { Address } from 'viem';
import type { E3Phase } from '../types.js';
import type { TxOutcome } from '../chain/index.js';

export type NodeEventMap = {
  phase: [{ readonly e3Id: bigint; readonly phase: E3Phase; readonly detail?: string; readonly at: number }];
  exclude: [{ readonly e3Id: bigint; readonly party: Address; readonly reason: string }];
  tx: [{ readonly e3Id: bigint; readonly outcome: TxOutcome }];
  txError: [{ readonly e3Id: bigint; readonly fn: string; readonly error: unknown }];
  dropped: [{ readonly e3Id?: bigint; readonly reason: string; readonly from?: string }];
  reorg: [{ readonly rewoundTo: bigint; readonly from: bigint }];
  erased: [{ readonly e3Id: bigint }];
  started: [{ readonly address: Address; readonly peerId: string; readonly httpPort: number }];
  closed: [];
};

export class NodeEvents extends EventEmitter<NodeEventMap> {}
