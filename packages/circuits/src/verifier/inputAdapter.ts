/**
 * The on-chain input verifier for user encryption (solidity/UserEncryptionInputVerifier.sol.template):
 * generated per parameter set, compiled with solc-js like the UltraHonk verifiers, deployed next
 * to the circuit's verifier. It computes the proof's public inputs from the ciphertext itself, so
 * the chain (and TypeScript, which calls the same contract in the in-process EVM) accept exactly
 * the same (pk commitment, ciphertext, proof) triples.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { CircuitArtifactError } from '../errors.js';
import { word } from './evm.js';
import { contentHash, readIfExists, writeFileAtomic } from '../cache.js';
import type { UserEncryptionLayout } from '../userEncryption/layout.js';
import { blobCount } from '../userEncryption/blobs.js';

const TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'solidity', 'UserEncryptionInputVerifier.sol.template');

export function renderInputVerifier(l: UserEncryptionLayout): string {
  const moduli = l.moduli.map((q, i) => `        if (i == ${i}) return ${q};`).join('\n');
  return readFileSync(TEMPLATE, 'utf8')
    .replaceAll('{{NAME}}', l.name)
    .replaceAll('{{N}}', String(l.N))
    .replaceAll('{{L}}', String(l.L))
    .replaceAll('{{CT_BYTES}}', String(2 * l.L * l.N * 8))
    .replaceAll('{{BLOB_COUNT}}', String(blobCount(2 * l.L * l.N * 8)))
    .replaceAll('{{MODULI}}', moduli);
}

/** Creation bytecode (hex, no 0x) of the input verifier; append the ABI-encoded verifier address. */
export function compileInputVerifier(source: string, cacheDir: string): string {
  const require = createRequire(import.meta.url);
  const solc = require('solc') as { compile(input: string): string; version(): string };
  const key = contentHash([solc.version(), 'input-adapter,runs=1,cancun,via-ir', source]);
  const path = join(cacheDir, 'verifiers', `input-${key}.hex`);
  const cached = readIfExists(path);
  if (cached) return cached.toString('utf8');
  const out = JSON.parse(
    solc.compile(
      JSON.stringify({
        language: 'Solidity',
        sources: { 'Input.sol': { content: source } },
        settings: { optimizer: { enabled: true, runs: 1 }, viaIR: true, evmVersion: 'cancun', outputSelection: { '*': { '*': ['evm.bytecode.object'] } } },
      }),
    ),
  ) as { errors?: { severity: string; formattedMessage: string }[]; contracts?: Record<string, Record<string, { evm: { bytecode: { object: string } } }>> };
  const errors = (out.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new CircuitArtifactError('solc failed to compile the input verifier', { details: errors.map((e) => e.formattedMessage).join('\n') });
  const bytecode = out.contracts?.['Input.sol']?.['UserEncryptionInputVerifier']?.evm.bytecode.object;
  if (!bytecode) throw new CircuitArtifactError('input verifier bytecode missing');
  writeFileAtomic(path, bytecode);
  return bytecode;
}


function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function padded(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(b.length / 32) * 32);
  out.set(b);
  return out;
}

const selector = (sig: string) => keccak_256(utf8ToBytes(sig)).slice(0, 4);
const VERIFY_INPUT = selector('verifyInput(bytes32,bytes,bytes,uint256,uint256,uint256)');
const VERIFY_BLOB_INPUT = selector('verifyBlobInput(bytes32,bytes32[],uint256,bytes,uint256,uint256,uint256)');

/** ABI encoding of verifyInput(bytes32 pkCommitment, bytes ciphertext, bytes proof, uint256 alpha, uint256 gamma, uint256 context). */
export function encodeVerifyInputCall(pkCommitment: bigint, ciphertext: Uint8Array, proof: Uint8Array, alpha: bigint, gamma: bigint, context: bigint): Uint8Array {
  const ctOff = 6n * 32n;
  const proofOff = ctOff + 32n + BigInt(padded(ciphertext).length);
  return concat([
    VERIFY_INPUT,
    word(pkCommitment),
    word(ctOff),
    word(proofOff),
    word(alpha),
    word(gamma),
    word(context),
    word(BigInt(ciphertext.length)),
    padded(ciphertext),
    word(BigInt(proof.length)),
    padded(proof),
  ]);
}

/** ABI encoding of verifyBlobInput(bytes32 pkCommitment, bytes32[] blobHashes, uint256 ctEval, bytes proof, uint256 alpha, uint256 gamma, uint256 context). */
export function encodeVerifyBlobInputCall(
  pkCommitment: bigint,
  blobHashes: readonly Uint8Array[],
  ctEval: bigint,
  proof: Uint8Array,
  alpha: bigint,
  gamma: bigint,
  context: bigint,
): Uint8Array {
  if (blobHashes.some((h) => h.length !== 32)) throw new CircuitArtifactError('blob hashes must be 32 bytes');
  const hashesOff = 7n * 32n;
  const proofOff = hashesOff + 32n + 32n * BigInt(blobHashes.length);
  return concat([
    VERIFY_BLOB_INPUT,
    word(pkCommitment),
    word(hashesOff),
    word(ctEval),
    word(proofOff),
    word(alpha),
    word(gamma),
    word(context),
    word(BigInt(blobHashes.length)),
    ...blobHashes,
    word(BigInt(proof.length)),
    padded(proof),
  ]);
}
/** Constructor argument: the verifier address, ABI encoded (hex). */
export function encodeAddressArg(addressHex40: string): string {
  if (!/^[0-9a-f]{40}$/.test(addressHex40)) throw new CircuitArtifactError('bad address');
  return '0'.repeat(24) + addressHex40;
}
