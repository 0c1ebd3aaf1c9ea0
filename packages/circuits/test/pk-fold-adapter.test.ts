/**
 * PkAggregateAdapter (contracts/adapters/PkAggregateAdapter.sol; issue 9, the key fold) in the
 * in-process EVM, with AttesterProofVerifier standing in for the fold's UltraHonk verifier (same
 * entry point; a "proof" is a signature over the public inputs). What this checks without a 2^22
 * proof: the adapter hands the verifier exactly `pkFoldPublicInputs` (the circuit's order), and
 * refuses before any proof a share its member did not sign for this E3 and session, a set that is
 * not ascending committee indices, and a set smaller than T + 1 or of a size it has no fold for.
 * The real fold behind it: test/slow/aggregate-pk.test.ts.
 */
import { test, before } from 'node:test';
import { strict as assert } from 'node:assert';
import { bytesToHex, encodeAbiParameters, encodeDeployData, encodeFunctionData, keccak256, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import {
  attesterProofVerifierAbi,
  attesterProofVerifierBytecode,
  decodePkAggregateBundle,
  encodePkAggregateBundle,
  fixedCommitteeViewAbi,
  fixedCommitteeViewBytecode,
  pkAggregateAdapterAbi,
  pkAggregateAdapterBytecode,
  signPkShare,
  type PkAggregateBundle,
} from '@interfold/contracts';
import { EvmVerifierHost } from '../src/verifier/evm.js';
import { pkFoldPublicInputs, type PkFoldStatement } from '../src/aggregate/pk.js';
import { fieldToHex } from '../src/poseidon2/field.js';
import { CircuitInputError } from '../src/errors.js';

const E3 = 9n;
const members = [0, 1, 2].map(() => privateKeyToAccount(generatePrivateKey()));
const attester = privateKeyToAccount(generatePrivateKey());
const w32 = (x: bigint): Hex => fieldToHex(x) as Hex;
const statement: PkFoldStatement = { session: 0x5e55n, crpCommitment: 0xc4fn, ids: [1, 2, 3], pkShareCommitments: [11n, 22n, 33n], pkCommitment: 0x9bn };

type Deployed = { at: Awaited<ReturnType<EvmVerifierHost['deployCode']>>; hex: Hex };
let host: EvmVerifierHost;
let adapter: Deployed;
let adapterT2: Deployed; // same members, T = 2

/** The stand-in's "proof" of a statement: the attester's signature over its public inputs. */
const prove = (s: PkFoldStatement, D = s.ids.length) =>
  attester.signMessage({ message: { raw: keccak256(encodeAbiParameters([{ type: 'bytes32[]' }], [pkFoldPublicInputs(s, D).map(w32)])) } });

const sign = (at: Deployed, j: number, o: { e3Id?: bigint; session?: bigint; commitment?: bigint; by?: number } = {}) =>
  signPkShare(members[(o.by ?? j) - 1]!, {
    chainId: 1,
    adapter: at.hex,
    e3Id: o.e3Id ?? E3,
    party: BigInt(j),
    session: w32(o.session ?? statement.session),
    pkShareCommitment: w32(o.commitment ?? statement.pkShareCommitments[j - 1]!),
  });

async function bundleFor(at: Deployed, s: PkFoldStatement = statement): Promise<PkAggregateBundle> {
  return {
    session: w32(s.session),
    crpCommitment: w32(s.crpCommitment),
    ids: s.ids.map(BigInt),
    pkShareCommitments: s.pkShareCommitments.map(w32),
    shareSignatures: await Promise.all(s.ids.map((j, i) => sign(at, j, { commitment: s.pkShareCommitments[i]!, session: s.session }))),
    foldProof: await prove(s),
  };
}

const call = (at: Deployed, b: PkAggregateBundle, pk = statement.pkCommitment, e3 = E3) =>
  host.callBool(
    at.at,
    Buffer.from(encodeFunctionData({ abi: pkAggregateAdapterAbi, functionName: 'verifyPublicKey', args: [e3, w32(pk), '0x', encodePkAggregateBundle(b)] }).slice(2), 'hex'),
  );

before(async () => {
  host = await EvmVerifierHost.create();
  const hex = (a: { bytes: Uint8Array }): Hex => bytesToHex(a.bytes);
  const verifier = hex(await host.deployCode(encodeDeployData({ abi: attesterProofVerifierAbi, bytecode: attesterProofVerifierBytecode, args: [attester.address] }).slice(2)));
  const view = (T: number) => host.deployCode(encodeDeployData({ abi: fixedCommitteeViewAbi, bytecode: fixedCommitteeViewBytecode, args: [members.map((m) => m.address), T] }).slice(2));
  const deploy = async (T: number): Promise<Deployed> => {
    const at = await host.deployCode(encodeDeployData({ abi: pkAggregateAdapterAbi, bytecode: pkAggregateAdapterBytecode, args: [hex(await view(T)), [3n, 2n], [verifier, verifier]] }).slice(2));
    return { at, hex: hex(at) };
  };
  adapter = await deploy(1);
  adapterT2 = await deploy(2);
});

test('the adapter passes the verifier the fold public inputs in the circuit order, and the bundle round-trips', async () => {
  const b = await bundleFor(adapter);
  assert.deepEqual(decodePkAggregateBundle(encodePkAggregateBundle(b)), b);
  const r = await call(adapter, b);
  assert.equal(r.ok, true, r.reason);
  // |A| = 2 >= T + 1 (a fold for two members is registered): accepted with its own proof.
  const two: PkFoldStatement = { ...statement, ids: [1, 3], pkShareCommitments: [11n, 33n] };
  assert.equal((await call(adapter, await bundleFor(adapter, two))).ok, true);
});

test('the adapter rejects another key, E3, session, crp, share, signer, order, size', async () => {
  const b = await bundleFor(adapter);
  const sigs = b.shareSignatures;
  const cases: [string, Promise<{ ok: boolean }>][] = [
    ['another key', call(adapter, b, statement.pkCommitment + 1n)],
    ['another E3 (signatures for E3 9)', call(adapter, b, statement.pkCommitment, E3 + 1n)],
    ['another session (proof and signatures for the first)', call(adapter, { ...b, session: w32(statement.session + 1n) })],
    ['another crp commitment', call(adapter, { ...b, crpCommitment: w32(statement.crpCommitment + 1n) })],
    ['a share commitment replaced', call(adapter, { ...b, pkShareCommitments: [w32(44n), ...b.pkShareCommitments.slice(1)] })],
    ["party 1's share signed by member 2", call(adapter, { ...b, shareSignatures: [await sign(adapter, 1, { by: 2 }), sigs[1]!, sigs[2]!] })],
    ['a signature for another E3', call(adapter, { ...b, shareSignatures: [await sign(adapter, 1, { e3Id: E3 + 1n }), sigs[1]!, sigs[2]!] })],
    ['a signature for another session', call(adapter, { ...b, shareSignatures: [await sign(adapter, 1, { session: 1n }), sigs[1]!, sigs[2]!] })],
    ['a signature for another adapter', call(adapter, { ...b, shareSignatures: [await sign(adapterT2, 1), sigs[1]!, sigs[2]!] })],
    ['ids not ascending', call(adapter, { ...b, ids: [2n, 1n, 3n], pkShareCommitments: [b.pkShareCommitments[1]!, b.pkShareCommitments[0]!, b.pkShareCommitments[2]!], shareSignatures: [sigs[1]!, sigs[0]!, sigs[2]!] })],
    ['a non-member id', call(adapter, { ...b, ids: [1n, 2n, 4n] })],
    ['no fold for |A| = 1', call(adapter, { ...b, ids: [1n], pkShareCommitments: b.pkShareCommitments.slice(0, 1), shareSignatures: sigs.slice(0, 1) })],
    ['a malformed signature (reverts)', call(adapter, { ...b, shareSignatures: ['0x1234', sigs[1]!, sigs[2]!] })],
    ['a wrong proof', call(adapter, { ...b, foldProof: await prove({ ...statement, pkCommitment: 1n }) })],
  ];
  for (const [what, r] of cases) assert.equal((await r).ok, false, what);
  assert.throws(() => encodePkAggregateBundle({ ...b, shareSignatures: sigs.slice(0, 2) }), /differ in length/);
  // T = 2: a set of two is below T + 1 even with a registered fold and valid signatures.
  const two: PkFoldStatement = { ...statement, ids: [1, 3], pkShareCommitments: [11n, 33n] };
  assert.equal((await call(adapterT2, await bundleFor(adapterT2, two))).ok, false);
  assert.equal((await call(adapterT2, await bundleFor(adapterT2))).ok, true);
});

test('pkFoldPublicInputs refuses a statement the circuit cannot have', () => {
  assert.throws(() => pkFoldPublicInputs({ ...statement, ids: [1, 1, 3] }, 3), CircuitInputError);
  assert.throws(() => pkFoldPublicInputs({ ...statement, ids: [0, 1, 3] }, 3), CircuitInputError);
  assert.throws(() => pkFoldPublicInputs({ ...statement, ids: [1, 2] }, 3), CircuitInputError);
  assert.throws(() => pkFoldPublicInputs({ ...statement, pkShareCommitments: [1n] }, 3), CircuitInputError);
  assert.throws(() => pkFoldPublicInputs({ ...statement, ids: [1, 2, 1 << 16] }, 3), CircuitInputError);
});
