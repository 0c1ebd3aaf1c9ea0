/**
 * The key fold (spec 003 P2; issue 9, "Aggregation and the chain") on INSECURE_N512, n = 3, T = 1,
 * with the shared seeded DKG (fixtures/dkg.ts): the C1 proofs of parties 1, 2, 3 in the recursive
 * target, folded with C5's statement into one proof, verified by the fold's deployed verifier and
 * by PkAggregateAdapter (with each member's PkShare signature) in the in-process EVM. Proofs are
 * fixtures (content-addressed, test/fixtures/store.ts). The rogue-key attack end to end: a fold
 * over a pk share other than the one party 3's C1 proof commits to is refused by fold(), and
 * forced through proveUnchecked it yields a proof the deployed verifier rejects.
 *
 * Cold cache: four C1 proofs (seconds) and two 2^22 fold proofs (about a minute each here), after
 * the 2^22 + 1-point development CRS (once per machine).
 */
import { test, before, after } from 'node:test';
import { readFileSync } from 'node:fs';
import { strict as assert } from 'node:assert';
import { SeededSource } from '@interfold/ring';
import { runDkg, type PkShare } from '@interfold/threshold';
import { bytesToHex, encodeDeployData, encodeFunctionData, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { fixedCommitteeViewAbi, fixedCommitteeViewBytecode, pkAggregateAdapterAbi, pkAggregateAdapterBytecode, encodePkAggregateBundle, signPkShare } from '@interfold/contracts';
import { PkFoldCircuit, pkFoldOverlays, pkFoldPublicInputs, type FoldableC1, type FoldedPk, type PkFoldStatement } from '../../src/aggregate/pk.js';
import { commitRnsPolys } from '../../src/commitments/rns.js';
import { DOMAINS } from '../../src/commitments/domains.js';
import { centred } from '../../src/dkg/common.js';
import { CircuitInputError, VerificationError } from '../../src/errors.js';
import { fieldToHex } from '../../src/poseidon2/field.js';
import { fixture } from '../fixtures/store.js';
import { dkgRun, otherSession, params, rogueShare } from '../fixtures/dkg.js';

const { session, dkg } = dkgRun();
let fold: PkFoldCircuit;
const c1s = new Map<number, FoldableC1>();
let otherC1: FoldableC1; // party 1's C1 proof in another session (another E3)
let folded: FoldedPk;
let rogue: { share: PkShare; folded: FoldedPk };

before(async () => {
  assert.deepEqual(dkg.authorised, [1, 2, 3]);
  fold = await PkFoldCircuit.load(session, 3);
  const key = [fold.outer.artifactHash, fieldToHex(fold.innerVk.hash), fold.c1.circuit.artifactHash, fieldToHex(commitRnsPolys(DOMAINS.PK, [centred(params, dkg.pk.p0)], params.moduli, params.N))];
  for (const j of [1, 2, 3]) {
    const proved = await fixture(`pk-fold-c1-${j}`, [...key, String(j)], () => fold.proveC1(dkg.parties.get(j)!, dkg.pkShares.get(j)!));
    c1s.set(j, proved.value);
  }
  otherC1 = (
    await fixture('pk-fold-c1-1-other-session', [...key, 'other'], async () => {
      const o = runDkg(otherSession(), { sources: (id: number) => new SeededSource(`pk-fold-other/${id}`, 'test/circuits') });
      const other = await PkFoldCircuit.load(otherSession(), 3);
      try {
        return await other.proveC1(o.parties.get(1)!, o.pkShares.get(1)!);
      } finally {
        await other.close();
        for (const p of o.parties.values()) p.dispose();
      }
    })
  ).value;
  const proofsKey = [1, 2, 3].map((j) => c1s.get(j)!.proof.fields.map(String).join());
  folded = (await fixture('pk-fold', [...key, ...proofsKey], () => fold.fold([...c1s.values()], dkg.pkShares))).value;
  const share = rogueShare({ session, dkg }, 3); // p0* − p0_1 − p0_2, p0* = party 3's own share
  const shares = new Map([...dkg.pkShares, [3, share]]);
  // Party 3's only C1 proof is over its honest share; the forced fold sums the rogue share, so the
  // in-circuit verification of that proof is asked to accept the rogue share's commitment.
  rogue = {
    share,
    folded: (await fixture('pk-fold-rogue', [...key, ...proofsKey, 'rogue'], () => fold.proveUnchecked([c1s.get(1)!, c1s.get(2)!, c1s.get(3)!], shares))).value,
  };
});

after(async () => {
  await fold?.close();
});

test('the committed params.nr (C5 constants, D = 3) and vk.nr of the key fold are the generated ones', () => {
  const read = (f: string) => readFileSync(new URL(`../../noir/${f}`, import.meta.url), 'utf8');
  const ov = pkFoldOverlays(fold.layouts, fold.innerVk);
  assert.equal(read('dkg_pk_aggregate/src/vk.nr'), ov['dkg_pk_aggregate/src/vk.nr'], 'vk.nr pins the C1 vk of the development CRS');
  assert.equal(read('c5_relations/src/params.nr'), ov['c5_relations/src/params.nr']);
});

test('the fold proves the threshold key of A = {1, 2, 3} and verifies through its deployed verifier', async () => {
  const s = folded.statement;
  assert.deepEqual(s.ids, [1, 2, 3]);
  const { moduli, N } = params;
  const expected = commitRnsPolys(DOMAINS.PK, [centred(params, dkg.pk.p0), centred(params, dkg.pk.p1)], moduli, N);
  assert.equal(s.pkCommitment, expected, 'the fold outputs the commitment of the DKG key');
  assert.deepEqual(
    s.pkShareCommitments,
    [1, 2, 3].map((j) => c1s.get(j)!.publicInputs.pkShareCommitment),
  );
  assert.deepEqual(folded.publicInputs.map(BigInt), pkFoldPublicInputs(s, 3));
  const r = await fold.verify(folded.proof, s);
  assert.equal(r.ok, true, r.reason);
  console.log(`key fold (|A| = 3): ${fold.outer.stats.gates} gates (2^${Math.log2(fold.outer.stats.dyadic)}), verify ${r.gasUsed} gas`);
});

test('the fold verifier rejects another session, common polynomial, key, set, pk share, a tampered proof', async () => {
  const s = folded.statement;
  const flipped = Uint8Array.from(folded.proof);
  flipped[200] = flipped[200]! ^ 1;
  const cases: [string, Uint8Array, PkFoldStatement][] = [
    ['another session', folded.proof, { ...s, session: s.session + 1n }],
    ['another common polynomial', folded.proof, { ...s, crpCommitment: s.crpCommitment + 1n }],
    ['another key', folded.proof, { ...s, pkCommitment: s.pkCommitment + 1n }],
    ['another set (ids {1, 2, 4})', folded.proof, { ...s, ids: [1, 2, 4] }],
    ['a pk share replaced', folded.proof, { ...s, pkShareCommitments: [s.pkShareCommitments[0]!, s.pkShareCommitments[0]!, s.pkShareCommitments[2]!] }],
    ['a tampered proof', flipped, s],
  ];
  for (const [what, proof, st] of cases) {
    assert.equal((await fold.verify(proof, st)).ok, false, what);
  }
  // A member missing or added: the statement has exactly |A| = 3 ids.
  assert.equal((await fold.verify(folded.proof, { ...s, ids: [1, 2], pkShareCommitments: s.pkShareCommitments.slice(0, 2) })).ok, false);
});

test('rogue key end to end: fold() refuses the rogue share, and a forced fold is rejected on chain', async () => {
  const shares = new Map([...dkg.pkShares, [3, rogue.share]]);
  await assert.rejects(fold.fold([...c1s.values()], shares), VerificationError);
  // The forced fold claims the rogue key; the in-circuit C1 verification of party 3 (under the rogue
  // share's commitment) fails, which only the deployed verifier sees (deferred pairing).
  assert.notEqual(rogue.folded.statement.pkCommitment, folded.statement.pkCommitment);
  const r = await fold.verify(rogue.folded.proof, rogue.folded.statement);
  assert.equal(r.ok, false, 'a key over a pk share without a C1 proof must be rejected');
});

test('fold() refuses C1 proofs it cannot fold: another session or party, too few, duplicates', async () => {
  const [p1, p2, p3] = [1, 2, 3].map((j) => c1s.get(j)!);
  await assert.rejects(fold.fold([otherC1, p2!, p3!], dkg.pkShares), VerificationError);
  await assert.rejects(fold.fold([{ ...p2!, party: 1 }, { ...p1!, party: 2 }, p3!], dkg.pkShares), VerificationError);
  await assert.rejects(fold.fold([p1!, p2!], dkg.pkShares), CircuitInputError);
  await assert.rejects(fold.fold([p1!, p1!, p3!], dkg.pkShares), CircuitInputError);
});

test('on chain: PkAggregateAdapter accepts the key with every member signature in one verification, and rejects changes', async () => {
  const { host, address: verifier } = await fold.outer.deployed();
  const addr = (a: { bytes: Uint8Array }): Hex => bytesToHex(a.bytes);
  const accounts = [0, 1, 2].map(() => privateKeyToAccount(generatePrivateKey()));
  const view = await host.deployCode(encodeDeployData({ abi: fixedCommitteeViewAbi, bytecode: fixedCommitteeViewBytecode, args: [accounts.map((a) => a.address), 1] }).slice(2));
  const adapter = await host.deployCode(encodeDeployData({ abi: pkAggregateAdapterAbi, bytecode: pkAggregateAdapterBytecode, args: [addr(view), [3n], [addr(verifier)]] }).slice(2));
  const E3 = 5n;
  const s = folded.statement;
  const w32 = (x: bigint): Hex => fieldToHex(x) as Hex;
  const sign = (j: number, e3Id = E3, commitment = s.pkShareCommitments[j - 1]!) =>
    signPkShare(accounts[j - 1]!, { chainId: 1, adapter: addr(adapter), e3Id, party: BigInt(j), session: w32(s.session), pkShareCommitment: w32(commitment) });
  const bundle = {
    session: w32(s.session),
    crpCommitment: w32(s.crpCommitment),
    ids: s.ids.map(BigInt),
    pkShareCommitments: s.pkShareCommitments.map(w32),
    shareSignatures: await Promise.all([1, 2, 3].map((j) => sign(j))),
    foldProof: bytesToHex(folded.proof),
  };
  const call = (b: typeof bundle, pk = s.pkCommitment, e3 = E3) =>
    host.callBool(adapter, Buffer.from(encodeFunctionData({ abi: pkAggregateAdapterAbi, functionName: 'verifyPublicKey', args: [e3, w32(pk), '0x', encodePkAggregateBundle(b)] }).slice(2), 'hex'));
  const ok = await call(bundle);
  assert.equal(ok.ok, true, ok.reason);
  console.log(`PkAggregateAdapter.verifyPublicKey (|A| = 3: one UltraHonk verification + 3 signatures): ${ok.gasUsed} gas`);
  assert.ok(ok.gasUsed < 3_500_000n, `gas ${ok.gasUsed}`);
  const flipped = Uint8Array.from(folded.proof);
  flipped[300] = flipped[300]! ^ 1;
  const sigs = bundle.shareSignatures;
  for (const [what, r] of [
    ['another key', await call(bundle, s.pkCommitment + 1n)],
    ['another E3 (signatures are for E3 5)', await call(bundle, s.pkCommitment, E3 + 1n)],
    ['a share signed by another member', await call({ ...bundle, shareSignatures: [sigs[1]!, sigs[1]!, sigs[2]!] })],
    ['a share signature for another E3', await call({ ...bundle, shareSignatures: [await sign(1, E3 + 1n), sigs[1]!, sigs[2]!] })],
    ['ids out of order', await call({ ...bundle, ids: [2n, 1n, 3n], shareSignatures: [sigs[1]!, sigs[0]!, sigs[2]!], pkShareCommitments: [bundle.pkShareCommitments[1]!, bundle.pkShareCommitments[0]!, bundle.pkShareCommitments[2]!] })],
    ['a member missing (no verifier for |A| = 2)', await call({ ...bundle, ids: [1n, 2n], shareSignatures: sigs.slice(0, 2), pkShareCommitments: bundle.pkShareCommitments.slice(0, 2) })],
    ['a tampered proof', await call({ ...bundle, foldProof: bytesToHex(flipped) })],
  ] as const) {
    assert.equal(r.ok, false, what);
  }
});
