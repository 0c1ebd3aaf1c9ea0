/**
 * What the daemon needs from the peer network (src/net owns the libp2p implementation). Kept as an
 * interface so the daemon is wired against behaviour, not a class, and tests can observe traffic.
 */
import type { Address } from 'viem';

export type InboundHandler = (e3Id: bigint, bytes: Uint8Array, fromPeer: string) => void;
/** Answers a peer's sync request: every envelope this node holds for the E3 (own and received). */
export type SyncHandler = (e3Id: bigint) => Promise<readonly Uint8Array[]>;

export interface PeerPort {
  readonly peerId: string;
  start(): Promise<void>;
  close(): Promise<void>;
  /** Subscribe to the E3's topic; `members` are the committee's operator addresses. */
  joinE3(e3Id: bigint, members: readonly Address[]): Promise<void>;
  leaveE3(e3Id: bigint): Promise<void>;
  /** Gossip on the E3's topic. */
  publish(e3Id: bigint, bytes: Uint8Array): Promise<void>;
  /** A direct stream to one member (large payloads). */
  sendDirect(e3Id: bigint, to: Address, bytes: Uint8Array): Promise<void>;
  onMessage(handler: InboundHandler): void;
  onSyncRequest(handler: SyncHandler): void;
  /** Ask connected peers for what they hold of the E3 (after a restart or a late start). */
  sync(e3Id: bigint): Promise<readonly Uint8Array[]>;
  /** Connected peers (status). */
  peerCount(): number;
  /** Addresses others can dial (status, bootstrap of later nodes). */
  listenAddrs(): readonly string[];
}
