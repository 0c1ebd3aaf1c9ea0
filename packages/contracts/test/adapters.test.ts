import { after, before, describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { encodeAbiParameters, keccak256, toHex, type Address, type Hex } from 'viem';
import {
  deployInterfold,
  fundOperators,
  attesterProofVerifierAbi,
  attesterProofVerifierBytecode,
  attesterInputVerifierAbi,
  attesterInputVerifierBytecode,
  inputRelayerAbi,
  inputRelayerBytecode,
  e3OrchestratorAbi,
  confirm,
  inputRootOf,
  encodePkAggregateBundle,
  signPkShare,
  Stage,
  type Deployment,
} from '../src/index.js';
import * as H from './helpers.js';
import { pkFoldPublicInputs } from '@interfold/circuits';

/**
 * The bb verifier adapters plug a `verify(bytes, bytes32[])` verifier into the E3 flow. The
 * AttesterProofVerifier has that exact entry point (a "proof" is a signature over the public
 * inputs), so this checks the adapters' public-input layouts end to end.
 */
describe('UltraHonk adapters: a verify(bytes, bytes32[]) verifier behind each publication', () => {
  let f: H.Fixture;
  let d: Deployment;
  before(async () => {
    f = await H.setup({ operators: 4 });
    const hash = await f.deployer.deployContract({ abi: attesterProofVerifierAbi, bytecode: attesterProofVerifierBytecode, args: [f.attester.address] });
    const honk = (await confirm(f.deployer, hash)).contractAddress as Address;
    const h2 = await f.deployer.deployContract({ abi: attesterInputVerifierAbi, bytecode: attesterInputVerifierBytecode, args: [f.attester.address] });
    const userEnc = (await confirm(f.deployer, h2)).contractAddress as Address;
    // A second deployment whose only approved verifiers are the adapters (quorum verifier not approved).
    d = await deployInterfold({
      deployer: f.deployer,
      treasury: f.treasury,
      tokens: { fee: f.d.contracts.feeToken, bond: f.d.contracts.bondToken, ticket: f.d.contracts.ticketToken },
      config: { paramSets: [H.PARAM_SET] },
      approveQuorumVerifier: false,
      devProgram: true,
      honkVerifiers: { publicKey: honk, input: honk, decryption: honk },
      userEncryptionVerifier: userEnc,
      pkAggregate: { verifiers: [{ members: 3, verifier: honk }] },
    });
    await fundOperators(d, f.deployer, f.operators.map((o) => ({ signer: o.signer, funding: { bond: 10n ** 20n, tickets: 3n } })));
    f.d = d; // helpers now target the new deployment
    for (const s of [f.requester, f.outsider]) {
      await H.tx(s, d.contracts.feeToken, [{ type: 'function', name: 'approve', stateMutability: 'nonpayable', inputs: [{ name: 's', type: 'address' }, { name: 'a', type: 'uint256' }], outputs: [{ type: 'bool' }] }], 'approve', [d.contracts.orchestrator, 10n ** 21n]);
    }
  });
  after(async () => {
    await f?.close();
  });

  const prove = (inputs: Hex[]) => f.attester.signMessage({ message: { raw: keccak256(encodeAbiParameters([{ type: 'bytes32[]' }], [inputs])) } });
  const word = (x: bigint) => toHex(x, { size: 32 });

  it('walks an E3 to Complete with adapter-verified publications, and rejects wrong public inputs', async () => {
    const O = d.contracts.orchestrator;
    await H.expectRevert(H.requestE3(f, {}), 'VerifierNotApproved'); // the quorum verifier is not approved here
    const e3Id = await H.requestE3(f, { pkVerifier: d.contracts.pkAdapter!, inputVerifier: d.contracts.inputAdapter!, decryptionVerifier: d.contracts.decryptionAdapter! });
    await H.formCommittee(f, e3Id);
    const pkc = H.PK_COMMITMENT;
    await H.expectRevert(H.tx(f.outsider, O, e3OrchestratorAbi, 'publishPublicKey', [e3Id, H.PK_BYTES, pkc, await prove([word(e3Id + 1n), pkc])]), 'PublicKeyRejected');
    await H.expectRevert(H.tx(f.outsider, O, e3OrchestratorAbi, 'publishPublicKey', [e3Id, H.PK_BYTES, pkc, '0x00']), 'PublicKeyRejected'); // verifier reverts
    await H.tx(f.outsider, O, e3OrchestratorAbi, 'publishPublicKey', [e3Id, H.PK_BYTES, pkc, await prove([word(e3Id), pkc])]);

    const e = await H.getE3(f, e3Id);
    await H.warpTo(f, e.schedule.inputStart);
    const ctc = keccak256('0xc1');
    const input = (proof: Hex) => encodeAbiParameters([{ type: 'bytes' }, { type: 'bytes32' }, { type: 'bytes' }], ['0xabcdef', ctc, proof]);
    await H.expectRevert(H.tx(f.outsider, O, e3OrchestratorAbi, 'publishInput', [e3Id, input(await prove([word(e3Id), pkc, keccak256('0xc2')]))]), 'InputRejected');
    const good = input(await prove([word(e3Id), pkc, ctc]));
    await H.tx(f.outsider, O, e3OrchestratorAbi, 'publishInput', [e3Id, good]);

    await H.warpTo(f, e.schedule.inputEnd + 1n);
    await H.tx(f.compute, O, e3OrchestratorAbi, 'publishCiphertextOutput', [e3Id, H.CIPHERTEXT, H.CT_COMMITMENT, inputRootOf([good])]);
    const words = [word(42n), word(7n)];
    const plaintext = encodeAbiParameters([{ type: 'bytes32[]' }], [words]);
    const decProof = await prove([word(e3Id), H.CT_COMMITMENT, ...words]);
    const tampered = encodeAbiParameters([{ type: 'bytes32[]' }], [[word(43n), word(7n)]]);
    await H.expectRevert(H.tx(f.outsider, O, e3OrchestratorAbi, 'publishPlaintextOutput', [e3Id, tampered, decProof]), 'PlaintextRejected');
    await H.tx(f.outsider, O, e3OrchestratorAbi, 'publishPlaintextOutput', [e3Id, plaintext, decProof]);
    assert.equal((await H.getE3(f, e3Id)).stage, Stage.Complete);
  });

  it('PkAggregateAdapter: the key fold with each pk share signed by its member (party = committee index + 1)', async () => {
    const O = d.contracts.orchestrator;
    const adapter = d.contracts.pkAggregateAdapter!;
    const e3Id = await H.requestE3(f, { pkVerifier: adapter, inputVerifier: d.contracts.inputAdapter!, decryptionVerifier: d.contracts.decryptionAdapter! });
    const members = H.memberAccounts(f, await H.formCommittee(f, e3Id));
    const statement = { session: 0x5e55n, crpCommitment: 0xc4fn, ids: [1, 2, 3], pkShareCommitments: [11n, 22n, 33n], pkCommitment: BigInt(H.PK_COMMITMENT) };
    const sign = (j: number, by = j) =>
      signPkShare(members[by - 1]!, { chainId: f.chainId, adapter, e3Id, party: BigInt(j), session: word(statement.session), pkShareCommitment: word(statement.pkShareCommitments[j - 1]!) });
    const bundle = {
      session: word(statement.session),
      crpCommitment: word(statement.crpCommitment),
      ids: [1n, 2n, 3n],
      pkShareCommitments: statement.pkShareCommitments.map(word),
      shareSignatures: [await sign(1), await sign(2), await sign(3)],
      foldProof: await prove(pkFoldPublicInputs(statement, 3).map(word)),
    };
    const publish = (b: typeof bundle) => H.tx(f.outsider, O, e3OrchestratorAbi, 'publishPublicKey', [e3Id, H.PK_BYTES, H.PK_COMMITMENT, encodePkAggregateBundle(b)]);
    await H.expectRevert(publish({ ...bundle, shareSignatures: [await sign(1, 2), await sign(2, 1), bundle.shareSignatures[2]!] }), 'PublicKeyRejected'); // members swapped
    await H.expectRevert(publish({ ...bundle, foldProof: await prove(pkFoldPublicInputs({ ...statement, pkCommitment: 1n }, 3).map(word)) }), 'PublicKeyRejected');
    await publish(bundle);
    assert.equal((await H.getE3(f, e3Id)).stage, Stage.KeyPublished);
  });

  it('UserEncryptionInputAdapter binds (chainId, orchestrator, e3Id, submitter): a copied input is rejected', async () => {
    const O = d.contracts.orchestrator;
    const newE3 = async () => {
      // Long input windows, so both E3s are open at once.
      const t = (await f.pub.getBlock()).timestamp;
      const id = await H.requestE3(f, {
        pkVerifier: d.contracts.pkAdapter!,
        inputVerifier: d.contracts.userEncryptionAdapter!,
        decryptionVerifier: d.contracts.decryptionAdapter!,
        inputStart: t + 300n,
        inputEnd: t + 5000n,
      });
      await H.formCommittee(f, id);
      await H.tx(f.outsider, O, e3OrchestratorAbi, 'publishPublicKey', [id, H.PK_BYTES, H.PK_COMMITMENT, await prove([word(id), H.PK_COMMITMENT])]);
      return id;
    };
    const e3Id = await newE3();
    const e3b = await newE3();
    const pkc = H.PK_COMMITMENT;
    const e = await H.getE3(f, e3b);
    await H.warpTo(f, e.schedule.inputStart);
    const ct = toHex(new Uint8Array(96).fill(7));
    const context = (id: bigint, who: Address) =>
      BigInt(keccak256(encodeAbiParameters([{ type: 'uint256' }, { type: 'address' }, { type: 'uint256' }, { type: 'address' }], [BigInt(f.chainId), O, id, who])));
    const attest = (pk: Hex, alpha: bigint, gamma: bigint, ctx: bigint) =>
      f.attester.signMessage({
        message: { raw: keccak256(encodeAbiParameters([{ type: 'bytes32' }, { type: 'bytes32' }, { type: 'uint256' }, { type: 'uint256' }, { type: 'uint256' }], [pk, keccak256(ct), alpha, gamma, ctx])) },
      });
    const data = (who: Address, proof: Hex, alpha: bigint, gamma: bigint) =>
      encodeAbiParameters([{ type: 'bytes' }, { type: 'bytes' }, { type: 'uint256' }, { type: 'uint256' }, { type: 'address' }], [ct, proof, alpha, gamma, who]);
    const me = f.outsider.account.address;
    const proof = await attest(pkc, 11n, 13n, context(e3Id, me));
    const good = data(me, proof, 11n, 13n);
    await H.expectRevert(H.tx(f.outsider, O, e3OrchestratorAbi, 'publishInput', [e3Id, data(me, proof, 12n, 13n)]), 'InputRejected'); // other challenge
    await H.expectRevert(H.tx(f.outsider, O, e3OrchestratorAbi, 'publishInput', [e3Id, data(me, await attest(keccak256('0x01'), 11n, 13n, context(e3Id, me)), 11n, 13n)]), 'InputRejected'); // other key
    await H.expectRevert(H.tx(f.outsider, O, e3OrchestratorAbi, 'publishInput', [e3Id, '0x00']), 'InputRejected'); // malformed
    // Copies: the same bytes from another address (naming the original submitter, or itself), or into another E3.
    const copier = f.requester;
    await H.expectRevert(H.tx(copier, O, e3OrchestratorAbi, 'publishInput', [e3Id, good]), 'InputRejected');
    await H.expectRevert(H.tx(copier, O, e3OrchestratorAbi, 'publishInput', [e3Id, data(copier.account.address, proof, 11n, 13n)]), 'InputRejected');
    await H.expectRevert(H.tx(f.outsider, O, e3OrchestratorAbi, 'publishInput', [e3b, good]), 'InputRejected');
    await H.tx(f.outsider, O, e3OrchestratorAbi, 'publishInput', [e3Id, good]);
    assert.equal((await H.getE3(f, e3Id)).inputCount, 1n);
    assert.equal((await H.getE3(f, e3b)).inputCount, 0n);

    // Relayed (a contract wallet or relayer calls the orchestrator): the submitter is the
    // orchestrator's msg.sender, i.e. the relayer, whoever signed the transaction (tx.origin is not
    // used). A declared submitter other than the relayer is refused; a proof made for the relayer's
    // address is accepted, from any signer.
    const rh = await f.deployer.deployContract({ abi: inputRelayerAbi, bytecode: inputRelayerBytecode, args: [O] });
    const relayer = (await confirm(f.deployer, rh)).contractAddress as Address;
    const relayerProof = await attest(pkc, 11n, 13n, context(e3b, relayer));
    await H.expectRevert(H.tx(f.outsider, relayer, inputRelayerAbi, 'relay', [e3Id, good]), 'InputRejected'); // the user's own input, relayed
    await H.expectRevert(H.tx(f.outsider, relayer, inputRelayerAbi, 'relay', [e3b, data(me, relayerProof, 11n, 13n)]), 'InputRejected'); // declares the signer
    await H.expectRevert(H.tx(f.outsider, O, e3OrchestratorAbi, 'publishInput', [e3b, data(relayer, relayerProof, 11n, 13n)]), 'InputRejected'); // names the relayer, not sent by it
    await H.tx(copier, relayer, inputRelayerAbi, 'relay', [e3b, data(relayer, relayerProof, 11n, 13n)]);
    const logs = await f.pub.getContractEvents({ address: O, abi: e3OrchestratorAbi, eventName: 'InputPublished', args: { e3Id: e3b } });
    assert.equal(logs.length, 1);
    assert.equal(logs[0]!.args.sender?.toLowerCase(), relayer.toLowerCase());
  });
});
