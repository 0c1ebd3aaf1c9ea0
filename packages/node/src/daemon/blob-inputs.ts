/**
 * EIP-4844 blob inputs at the edge (docs/INPUTS.md). A blob input's on-chain `data` holds only
 * the versioned hashes, the proved evaluation and the proof; the ciphertext itself lives in the
 * blobs. Before an InputPublished event of an E3 whose input verifier is the deployment's blob
 * adapter is logged and fed to the core, the daemon fetches its blobs and checks them
 * (`readBlobInput`: KZG commitment → versioned hash the chain saw, strict canonical decoding, the
 * ciphertext's evaluation = the ctEval the proof was verified for), then attaches the canonical
 * ciphertext bytes to the event. The core stays pure: it reads `ciphertext` from the logged event,
 * so a replay needs no network.
 *
 * An input whose blobs are available but invalid (InvalidBlobInputError: not canonical, or not
 * evaluating to the proved ctEval) is marked `invalidInput` and dropped from the program's inputs
 * by every honest node alike (it is a function of public data). An input whose blobs cannot be
 * fetched is left unmarked: this member's recomputation then fails with a typed InputDecodeError
 * and it gives no decryption share (never an output over bytes it could not check).
 */
import { e3OrchestratorAbi, InvalidBlobInputError, readBlobInput, type BlobFetcher } from '@interfold/contracts';
import { bytesToHex, type Address, type PublicClient } from 'viem';
import { layoutOf, paramSetById } from '../core/index.js';
import type { ChainEvent } from '../types.js';
import type { Logger } from '../log/index.js';

type InputEvent = Extract<ChainEvent, { name: 'InputPublished' }>;

export type BlobInputReaderOptions = {
  client: PublicClient;
  orchestrator: Address;
  /** The deployment's UserEncryptionBlobInputAdapter; without one no E3 takes blob inputs. */
  blobAdapter: Address | undefined;
  fetchBlob: BlobFetcher;
  log: Logger;
  /** Fetch attempts before an input is left unchecked (transient RPC errors). */
  attempts?: number;
};

export class BlobInputReader {
  private readonly e3s = new Map<bigint, { inputVerifier: Address; paramSet: `0x${string}` }>();
  constructor(private readonly o: BlobInputReaderOptions) {}

  /** The event as the core should see it: with `ciphertext` for a checked blob input. */
  async enrich(ev: InputEvent): Promise<InputEvent> {
    const adapter = this.o.blobAdapter;
    if (adapter === undefined || ev.ciphertext !== undefined || ev.invalidInput !== undefined) return ev;
    const e3 = await this.e3(ev.e3Id);
    if (e3 === undefined || e3.inputVerifier.toLowerCase() !== adapter.toLowerCase()) return ev;
    const attempts = this.o.attempts ?? 3;
    for (let i = 1; i <= attempts; i++) {
      try {
        const { bytes } = await readBlobInput(ev.data, layoutOf(paramSetById(e3.paramSet).params), this.o.fetchBlob);
        return { ...ev, ciphertext: bytesToHex(bytes) };
      } catch (error) {
        if (error instanceof InvalidBlobInputError) {
          this.o.log.warn('blob input is invalid: dropped from the program inputs', { e3Id: ev.e3Id, index: ev.index, error });
          return { ...ev, invalidInput: error.shortMessage };
        }
        this.o.log.warn('blob input could not be read', { e3Id: ev.e3Id, index: ev.index, attempt: i, error });
      }
    }
    return ev;
  }

  private async e3(e3Id: bigint): Promise<{ inputVerifier: Address; paramSet: `0x${string}` } | undefined> {
    const hit = this.e3s.get(e3Id);
    if (hit) return hit;
    try {
      const e = await this.o.client.readContract({ address: this.o.orchestrator, abi: e3OrchestratorAbi, functionName: 'getE3', args: [e3Id] });
      const v = { inputVerifier: e.inputVerifier, paramSet: e.paramSet };
      this.e3s.set(e3Id, v);
      return v;
    } catch (error) {
      this.o.log.warn('could not read the E3 to classify an input', { e3Id, error });
      return undefined;
    }
  }
}
