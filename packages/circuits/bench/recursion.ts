/**
 * The recursion experiment of RECURSION.md (not part of CI; ~5 min and a 2^20-point CRS):
 *   node --import tsx packages/circuits/bench/recursion.ts [PROOF_TYPE=6] [--false-statement]
 * Inner proof (noir-recursive target: Poseidon2 transcript, ZK), outer circuit verifying it with
 * std::verify_proof_with_type, outer proof (EVM target) checked by its patched Solidity verifier
 * in the in-process EVM; then a changed outer public input, and either a tampered inner proof or
 * (--false-statement) the valid inner proof presented with a false public input.
 */
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile_program, createFileManager } from '@noir-lang/noir_wasm';
import { Barretenberg, BackendType } from '@aztec/bb.js';
import { gunzipSync } from 'node:zlib';
import { resolveConfig } from '../src/config.js';
import { resolveCrs } from '../src/crs/resolve.js';
import { executeProgram } from '../src/noir/execute.js';
import { patchVerifierG2, compileVerifier } from '../src/verifier/solidity.js';
import { EvmVerifierHost } from '../src/verifier/evm.js';
import type { CompiledProgram } from '../src/noir/compile.js';

const PROOF_TYPE = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? '6');
const FALSE_STATEMENT = process.argv.includes('--false-statement');
const ungzip = (b: Uint8Array) => new Uint8Array(gunzipSync(b));
const REC = { ipaAccumulation: false, oracleHashType: 'poseidon2', disableZk: false, optimizedSolidityVerifier: false } as const;
const EVM = { ipaAccumulation: false, oracleHashType: 'keccak', disableZk: false, optimizedSolidityVerifier: false } as const;
const hex = (b: Uint8Array) => '0x' + Buffer.from(b).toString('hex');

const INNER = 'fn main(x: Field, y: pub Field) {\n    assert(x * x == y);\n}\n';
const OUTER = (vk: number, proof: number, type: number) =>
  `fn main(vk: [Field; ${vk}], proof: [Field; ${proof}], y: pub Field, key_hash: Field) {\n    std::verify_proof_with_type(vk, proof, [y], key_hash, ${type});\n}\n`;

async function compile(pkg: string, source: string): Promise<CompiledProgram> {
  const dir = mkdtempSync(join(tmpdir(), `recursion-${pkg}-`));
  try {
    mkdirSync(join(dir, pkg, 'src'), { recursive: true });
    writeFileSync(join(dir, 'Nargo.toml'), `[workspace]\nmembers = ["${pkg}"]\n`);
    writeFileSync(join(dir, pkg, 'Nargo.toml'), `[package]\nname = "${pkg}"\ntype = "bin"\nauthors = [""]\n[dependencies]\n`);
    writeFileSync(join(dir, pkg, 'src', 'main.nr'), source);
    const r = await compile_program(createFileManager(dir), join(dir, pkg), () => {}, () => {});
    return r.program as unknown as CompiledProgram;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const t0 = Date.now();
const lap = (m: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${m}`);
const cfg = resolveConfig();
const inner = await compile('inner', INNER);
const innerAcir = ungzip(Buffer.from(inner.bytecode, 'base64'));
process.env.CRS_PATH = join(cfg.cacheDir, 'dev-crs');
let api = await Barretenberg.new({ backend: BackendType.NativeUnixSocket, threads: 2 });
const st = await api.circuitStats({ circuit: { name: 'c', bytecode: innerAcir, verificationKey: new Uint8Array(0) }, includeGatesPerOpcode: false, settings: REC });
lap(`inner gates ${st.numGates} dyadic ${st.numGatesDyadic}`);
await api.destroy();
let crs = await resolveCrs(cfg, 2 ** 20 + 1);
process.env.CRS_PATH = crs.path;
api = await Barretenberg.new({ backend: BackendType.NativeUnixSocket, threads: 2 });
const ivk = await api.circuitComputeVk({ circuit: { name: 'inner', bytecode: innerAcir }, settings: REC });
lap(`inner vk: ${ivk.bytes.length} bytes, ${ivk.fields.length} fields, hash ${hex(ivk.hash)}`);
const w = await executeProgram(inner, { x: '3', y: '9' });
const ip = await api.circuitProve({ witness: ungzip(w.witness), circuit: { name: 'inner', bytecode: innerAcir, verificationKey: ivk.bytes }, settings: REC });
lap(`inner proof: ${ip.proof.length} fields, public inputs ${ip.publicInputs.length}`);

const outer = await compile('outer', OUTER(ivk.fields.length, ip.proof.length, PROOF_TYPE));
const outerAcir = ungzip(Buffer.from(outer.bytecode, 'base64'));
const ost = await api.circuitStats({ circuit: { name: 'c', bytecode: outerAcir, verificationKey: new Uint8Array(0) }, includeGatesPerOpcode: false, settings: EVM });
lap(`outer gates ${ost.numGates} dyadic ${ost.numGatesDyadic}`);
const ovk = await api.circuitComputeVk({ circuit: { name: 'outer', bytecode: outerAcir }, settings: EVM });
lap(`outer vk ${ovk.bytes.length} bytes`);
const inputs = (tamper: boolean) => ({
  vk: ivk.fields.map(hex),
  proof: ip.proof.map((f, i) => (tamper && !FALSE_STATEMENT && i === 20 ? '0x' + (BigInt(hex(f)) + 1n).toString(16) : hex(f))),
  y: tamper && FALSE_STATEMENT ? '10' : '9',
  key_hash: hex(ivk.hash),
});
const ow = await executeProgram(outer, inputs(false));
const op = await api.circuitProve({ witness: ungzip(ow.witness), circuit: { name: 'outer', bytecode: outerAcir, verificationKey: ovk.bytes }, settings: EVM });
lap(`outer proof: ${op.proof.length} fields, public inputs ${op.publicInputs.length}`);
const sol = patchVerifierG2((await api.circuitWriteSolidityVerifier({ verificationKey: ovk.bytes, settings: EVM })).solidityCode, crs.g2);
const compiled = compileVerifier(sol, cfg.cacheDir);
const host = await EvmVerifierHost.create();
const addr = await host.deploy(compiled);
const proofBytes = new Uint8Array(op.proof.length * 32);
op.proof.forEach((f, i) => proofBytes.set(f, i * 32));
const ok = await host.verify(addr, proofBytes, op.publicInputs.map((x) => Uint8Array.from(x)));
lap(`outer proof on the patched Solidity verifier: ok=${ok.ok} gas=${ok.gasUsed} ${ok.reason ?? ''}`);
const bad = op.publicInputs.map((x) => Uint8Array.from(x));
bad[0] = new Uint8Array(32); bad[0][31] = 10;
const r2 = await host.verify(addr, proofBytes, bad);
lap(`outer proof with y=10: ok=${r2.ok}`);
lap(FALSE_STATEMENT ? 'now: the valid inner proof (for y = 9) presented with y = 10' : 'now: one inner proof field changed');
// Tampered inner proof: does the outer prover refuse, or produce a proof the verifier rejects?
try {
  const tw = await executeProgram(outer, inputs(true));
  const tp = await api.circuitProve({ witness: ungzip(tw.witness), circuit: { name: 'outer', bytecode: outerAcir, verificationKey: ovk.bytes }, settings: EVM });
  const tb = new Uint8Array(tp.proof.length * 32);
  tp.proof.forEach((f, i) => tb.set(f, i * 32));
  const r3 = await host.verify(addr, tb, tp.publicInputs.map((x) => Uint8Array.from(x)));
  lap(`tampered inner proof: outer proof produced; Solidity verifier ok=${r3.ok}`);
} catch (e) {
  lap(`tampered inner proof: ${String(e).slice(0, 300)}`);
}
await api.destroy();
