/**
 * The toolchain pieces: development CRS (deterministic, correct points, refused in production),
 * configured-CRS checks, verifier G2 patching, compilation cache and typed compile errors.
 */
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync, readFileSync, openSync, readSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bn254 } from '@noble/curves/bn254.js';
import { resolveConfig } from '../src/config.js';
import { resolveCrs, decodeG2 } from '../src/crs/resolve.js';
import { devTau, devG2, encodeG2 } from '../src/crs/devCrs.js';
import { patchVerifierG2 } from '../src/verifier/solidity.js';
import { compileNoirPackage } from '../src/noir/compile.js';
import { CircuitArtifactError, CrsError } from '../src/errors.js';
import { encodeVerifyCall } from '../src/verifier/evm.js';

const cfg = resolveConfig({ warn: () => {} });

test('the development CRS is deterministic and made of the right points', async () => {
  assert.equal(devTau(), devTau());
  const crs = await resolveCrs(cfg, 3);
  assert.equal(crs.kind, 'development');
  assert.ok(crs.points >= 3);
  const fd = openSync(join(crs.path, 'bn254_g1.dat'), 'r');
  const buf = Buffer.alloc(192);
  readSync(fd, buf, 0, 192, 0);
  closeSync(fd);
  const pt = (k: number) => bn254.G1.Point.fromAffine({ x: BigInt('0x' + buf.subarray(64 * k, 64 * k + 32).toString('hex')), y: BigInt('0x' + buf.subarray(64 * k + 32, 64 * k + 64).toString('hex')) });
  const tau = devTau();
  assert.ok(pt(0).equals(bn254.G1.Point.BASE));
  assert.ok(pt(1).equals(bn254.G1.Point.BASE.multiply(tau)));
  assert.ok(pt(2).equals(bn254.G1.Point.BASE.multiply((tau * tau) % bn254.fields.Fr.ORDER)));
  const g2 = decodeG2(readFileSync(join(crs.path, 'bn254_g2.dat')));
  assert.deepEqual(g2, devG2());
  assert.deepEqual(decodeG2(encodeG2(g2)), g2);
});

test('a production configuration refuses the development CRS; bad configured CRS paths are errors', async () => {
  await assert.rejects(resolveCrs(resolveConfig({ production: true, warn: () => {} }), 3), CrsError);
  const dir = mkdtempSync(join(tmpdir(), 'ifold-crs-'));
  await assert.rejects(resolveCrs(resolveConfig({ crsPath: dir }), 3), CrsError);
  writeFileSync(join(dir, 'bn254_g1.dat'), new Uint8Array(64 * 2));
  writeFileSync(join(dir, 'bn254_g2.dat'), encodeG2(devG2()));
  await assert.rejects(resolveCrs(resolveConfig({ crsPath: dir }), 3), CrsError);
  const ok = await resolveCrs(resolveConfig({ crsPath: dir, production: true }), 2);
  assert.equal(ok.kind, 'ceremony');
  writeFileSync(join(dir, 'bn254_g2.dat'), new Uint8Array(100));
  await assert.rejects(resolveCrs(resolveConfig({ crsPath: dir }), 2), CrsError);
  rmSync(dir, { recursive: true, force: true });
});

test('verifier G2 patching replaces exactly the ceremony constant, and refuses sources without it', () => {
  const src = `x\n        uint256(0x260e01b251f6f1c7e7ff4e580791dee8ea51d87a358e038b4efe30fac09383c1),
        uint256(0x0118c4d5b837bcc2bc89b5b398b5974e9f5944073b32078b7e231fec938883b0),
        uint256(0x04fc6369f7110fe3d25156c1bb9a72859cf2a04641f99ba4ee413c80da6a5fe4),
        uint256(0x22febda3c0c0632a56475b4214e5615e11e6dd3f96e6cea2854a87d4dacc5e55)\n y`;
  const g2 = devG2();
  const out = patchVerifierG2(src, g2);
  assert.ok(!out.includes('260e01b251f6'));
  const h = (v: bigint) => v.toString(16).padStart(64, '0');
  const order = [g2.x.c1, g2.x.c0, g2.y.c1, g2.y.c0].map(h);
  let last = -1;
  for (const c of order) {
    const at = out.indexOf(c);
    assert.ok(at > last, 'EIP-197 order x_c1, x_c0, y_c1, y_c0');
    last = at;
  }
  assert.throws(() => patchVerifierG2('contract X {}', g2), CircuitArtifactError);
  assert.throws(() => patchVerifierG2(src + src, g2), CircuitArtifactError);
  // The optimized verifier's layout: four mstore words (bb's honk_zk_optimized contract).
  const words = src.match(/0x[0-9a-f]{64}/g)!;
  const opt = words.map((w, i) => `mstore(0x${(0x100 + 0x20 * i).toString(16)}, ${w})`).join('\n');
  const patched = patchVerifierG2(opt, g2);
  assert.deepEqual(patched.match(/0x[0-9a-f]{64}/g), order.map((c) => '0x' + c));
  assert.ok(patched.startsWith('mstore(0x100, '));
  // Out of EIP-197 order, or one coordinate missing: refused.
  assert.throws(() => patchVerifierG2([words[1], words[0], words[2], words[3]].join(' '), g2), CircuitArtifactError);
  assert.throws(() => patchVerifierG2(words.slice(0, 3).join(' '), g2), CircuitArtifactError);
});

test('compilation is cached by content hash; a broken source is a typed error', async () => {
  const a = await compileNoirPackage('sponge_vectors', cfg.cacheDir);
  const b = await compileNoirPackage('sponge_vectors', cfg.cacheDir);
  assert.equal(a.hash, b.hash);
  assert.equal(b.cached, true); // (per-package keys: test/compileCache.test.ts)
  const c = await compileNoirPackage('sponge_vectors', cfg.cacheDir, { 'sponge_vectors/src/extra.nr': '// changes the hash\n' });
  assert.notEqual(c.hash, a.hash);
  await assert.rejects(
    compileNoirPackage('sponge_vectors', cfg.cacheDir, { 'sponge_vectors/src/main.nr': 'fn main( {' }),
    CircuitArtifactError,
  );
});

test('verify(bytes,bytes32[]) calldata is ABI encoded', () => {
  const data = encodeVerifyCall(new Uint8Array([1, 2, 3]), [new Uint8Array(32).fill(7)]);
  assert.equal(Buffer.from(data.slice(0, 4)).toString('hex'), 'ea50d0e4'); // keccak('verify(bytes,bytes32[])')[0..4]
  assert.equal(data.length, 4 + 32 * 2 + 32 + 32 + 32 + 32);
  assert.throws(() => encodeVerifyCall(new Uint8Array(0), [new Uint8Array(31)]), RangeError);
});

test('the committed user_encryption/src/params.nr is the generated one for INSECURE_N512', async () => {
  const { bfvParameters, INSECURE_N512 } = await import('@interfold/bfv');
  const { renderParamsNr, userEncryptionLayout } = await import('../src/userEncryption/layout.js');
  const { WORKSPACE_DIR } = await import('../src/noir/compile.js');
  const p = bfvParameters(INSECURE_N512);
  const expected = renderParamsNr(userEncryptionLayout({ name: p.name, N: p.N, moduli: p.moduli, t: p.t }));
  assert.equal(readFileSync(join(WORKSPACE_DIR, 'user_encryption', 'src', 'params.nr'), 'utf8'), expected);
});

test('inputs that do not fit the circuit ABI are a CircuitArtifactError, failing assertions a WitnessError', async () => {
  const { executeProgram } = await import('../src/noir/execute.js');
  const { WitnessError } = await import('../src/errors.js');
  const { program } = await compileNoirPackage('sponge_vectors', cfg.cacheDir);
  await assert.rejects(executeProgram(program, { tag: '1' }), CircuitArtifactError);
  const ones = (n: number) => Array(n).fill('1');
  const rns = { rns_tag: '1', rns_shifted: ones(16), rns_expected: '1' };
  await assert.rejects(executeProgram(program, { perm_in: ones(3), tag: '1', msg1: ones(1), msg3: ones(3), msg7: ones(7), vals: ones(11), ...rns }), CircuitArtifactError);
  const vals = ones(11);
  vals[0] = '0x' + (1n << 50n).toString(16);
  await assert.rejects(executeProgram(program, { perm_in: ones(4), tag: '1', msg1: ones(1), msg3: ones(3), msg7: ones(7), vals, ...rns }), WitnessError);
});

test('with a configured CRS path, bb verify is consulted as well as the Solidity verifier', async () => {
  // The "ceremony" here is the development CRS behind a configured path: the patched Solidity
  // verifier accepts, bb (whose G2 is the real ceremony one) cannot, so verify() must refuse.
  const { symlinkSync } = await import('node:fs');
  const { ZkCircuit } = await import('../src/circuit.js');
  const { fieldToHex } = await import('../src/poseidon2/field.js');
  const dev = await resolveCrs(cfg, 2 ** 16 + 1); // ample for this small circuit
  const dir = mkdtempSync(join(tmpdir(), 'ifold-ceremony-'));
  for (const f of ['bn254_g1.dat', 'bn254_g2.dat']) symlinkSync(join(dev.path, f), join(dir, f));
  const c = await ZkCircuit.load('sponge_vectors', {}, { crsPath: dir, warn: () => {} });
  try {
    assert.equal(c.crs.kind, 'ceremony');
    const { commitRnsPolys, shiftedRnsCoefficients } = await import('../src/commitments/rns.js');
    const { DOMAINS, domainTag } = await import('../src/commitments/domains.js');
    const moduli = [1125899906826241n, 1125899906820097n];
    const zero = [[[0n, 0n, 0n, 0n], [0n, 0n, 0n, 0n]], [[0n, 0n, 0n, 0n], [0n, 0n, 0n, 0n]]];
    const h = (xs: bigint[]) => xs.map(fieldToHex);
    const proof = await c.prove({
      perm_in: h([1n, 2n, 3n, 4n]),
      tag: '0x1',
      msg1: h([1n]),
      msg3: h([1n, 2n, 3n]),
      msg7: h([1n, 2n, 3n, 4n, 5n, 6n, 7n]),
      vals: h(Array(11).fill(5n)),
      rns_tag: fieldToHex(domainTag(DOMAINS.PK)),
      rns_shifted: h(shiftedRnsCoefficients(zero, moduli, 4)),
      rns_expected: fieldToHex(commitRnsPolys(DOMAINS.PK, zero, moduli, 4)),
    });
    const { host, address } = await c.deployed();
    assert.equal((await host.verify(address, proof.proof, proof.publicInputs)).ok, true, 'the patched Solidity verifier accepts');
    assert.equal(await c.bbVerify(proof), false, 'bb rejects: not the ceremony CRS');
    const r = await c.verify(proof);
    assert.equal(r.ok, false);
    assert.match(r.reason ?? '', /bb verify/);
  } finally {
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
