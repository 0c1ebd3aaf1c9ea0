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
  e3OrchestratorAbi,
  confirm,
  inputRootOf,
  Stage,
  type Deployment,
} from '../src/index.js';
import * as H from './helpers.js';

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

  it('UserEncryptionInputAdapter forwards (pkCommitment, ciphertext, proof, alpha, gamma) to the circuits verifier', async () => {
    const O = d.contracts.orchestrator;
    const e3Id = await H.requestE3(f, { pkVerifier: d.contracts.pkAdapter!, inputVerifier: d.contracts.userEncryptionAdapter!, decryptionVerifier: d.contracts.decryptionAdapter! });
    await H.formCommittee(f, e3Id);
    const pkc = H.PK_COMMITMENT;
    await H.tx(f.outsider, O, e3OrchestratorAbi, 'publishPublicKey', [e3Id, H.PK_BYTES, pkc, await prove([word(e3Id), pkc])]);
    const e = await H.getE3(f, e3Id);
    await H.warpTo(f, e.schedule.inputStart);
    const ct = toHex(new Uint8Array(96).fill(7));
    const attest = (pk: Hex, alpha: bigint, gamma: bigint) =>
      f.attester.signMessage({ message: { raw: keccak256(encodeAbiParameters([{ type: 'bytes32' }, { type: 'bytes32' }, { type: 'uint256' }, { type: 'uint256' }], [pk, keccak256(ct), alpha, gamma])) } });
    const data = (proof: Hex, alpha: bigint, gamma: bigint) =>
      encodeAbiParameters([{ type: 'bytes' }, { type: 'bytes' }, { type: 'uint256' }, { type: 'uint256' }], [ct, proof, alpha, gamma]);
    const proof = await attest(pkc, 11n, 13n);
    await H.expectRevert(H.tx(f.outsider, O, e3OrchestratorAbi, 'publishInput', [e3Id, data(proof, 12n, 13n)]), 'InputRejected'); // other challenge
    await H.expectRevert(H.tx(f.outsider, O, e3OrchestratorAbi, 'publishInput', [e3Id, data(await attest(keccak256('0x01'), 11n, 13n), 11n, 13n)]), 'InputRejected'); // other key
    await H.expectRevert(H.tx(f.outsider, O, e3OrchestratorAbi, 'publishInput', [e3Id, '0x00']), 'InputRejected'); // malformed
    await H.tx(f.outsider, O, e3OrchestratorAbi, 'publishInput', [e3Id, data(proof, 11n, 13n)]);
    assert.equal((await H.getE3(f, e3Id)).inputCount, 1n);
  });
});
