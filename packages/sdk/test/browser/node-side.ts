/**
 * The Node side of the browser test, in a child process: the circuit assets the page needs, and
 * the verification of the page's proof through the deployed input verifier. A child process
 * because bb.js leaks a rejection when the native bb is slow to open its socket on a loaded
 * machine (docs/ZK.md §7; the circuits package retries and succeeds): here that one known
 * rejection is ignored instead of failing the test runner.
 *   node --import tsx node-side.ts assets <dir>     writes circuit.json, g1.bin, g2.bin
 *   node --import tsx node-side.ts verify <file>    reads { pk, ciphertext, witness, context }: proves the page's witness natively, verifies
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bfvParameters, INSECURE_N512, decodePublicKey } from '@interfold/bfv';
import { closeUserEncryption, decodeCiphertext, userEncryptionFor } from '@interfold/circuits';
import { browserCircuitAssets } from '../../src/node.js';

process.on('unhandledRejection', (e) => {
  if (/Timeout connecting to bb socket/.test(String(e))) return;
  console.error(e);
  process.exit(2);
});

const params = bfvParameters(INSECURE_N512);
const [mode, path] = process.argv.slice(2);
if (mode === 'assets') {
  const a = await browserCircuitAssets(params);
  writeFileSync(join(path!, 'circuit.json'), JSON.stringify({ program: a.program, vk: Buffer.from(a.vk).toString('hex') }));
  writeFileSync(join(path!, 'g1.bin'), a.crs.g1);
  writeFileSync(join(path!, 'g2.bin'), a.crs.g2);
} else if (mode === 'verify') {
  const j = JSON.parse(readFileSync(path!, 'utf8')) as { pk: string; ciphertext: string; witness: string; context: string };
  const ue = await userEncryptionFor(params);
  // The page's solved witness, proved by the native prover (development CRS), then verified.
  const proof = await ue.circuit.circuit.proveFromWitness(Uint8Array.from(Buffer.from(j.witness, 'hex')));
  const pkc = ue.pkCommitment(decodePublicKey(params, Buffer.from(j.pk, 'hex')));
  const ct = decodeCiphertext(Buffer.from(j.ciphertext, 'hex'), ue.circuit.layout);
  const r = await ue.verifyInput(pkc, ct, proof, BigInt(j.context));
  const other = await ue.verifyInput(pkc, ct, proof, BigInt(j.context) + 1n);
  console.log(JSON.stringify({ ok: r.ok, reason: r.reason ?? null, otherContext: other.ok, gas: r.gasUsed.toString() }));
} else {
  console.error('usage: node-side.ts assets <dir> | verify <file>');
  process.exit(1);
}
await closeUserEncryption();
process.exit(0);
