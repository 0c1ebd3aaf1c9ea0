/**
 * `node --import tsx packages/circuits/bench/userEncryptionGates.ts [SET ...]`: where the
 * user-encryption gates go (issue 14). Ablation: each variant is noir/user_encryption/src/main.nr
 * with ONE block removed or replaced by a gate-free stand-in, compiled with the same params.nr;
 * the block's cost in context is full − variant (bb gate counts, no CRS, no proof). Variants:
 *   exact     the exact upper ends of u, e0, e1, k1 (step 2 of main.nr)
 *   pk_range  the 50-bit slot range checks of the pk packing (an unchecked packing instead)
 *   pk_hash   the Poseidon2 sponge over the packed pk (a plain sum instead)
 *   wit_range the slot range checks of the u, e0, e1, k1, r1, p1 packing
 *   wit_hash  the sponge over the packed witness (round 1)
 *   r2_hash   the sponge over R2 (round 2)
 * What is left (Horner evaluations at gamma, packing sums, the final identity) is full − all.
 * Default sets: INSECURE_N512 INSECURE_N1024 (PRODUCTION_N8192 compiles for minutes per variant).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bfvParameters, PARAMETER_SETS, type BfvParametersLiteral } from '@interfold/bfv';
import { compileNoirPackage, WORKSPACE_DIR } from '../src/noir/compile.js';
import { BbSession, decodeAcir } from '../src/prover/barretenberg.js';
import { resolveConfig } from '../src/config.js';
import { renderParamsNr, userEncryptionLayout } from '../src/userEncryption/layout.js';

/** The lib packing without its slot range checks (measurement only: not binding). */
const PACK_UNCHECKED = `
fn pack_unchecked<let M: u32, let W: u32, let K: u32, let P: u32>(v: [Field; M]) -> [Field; P] {
    let mut out: [Field; P] = [0; P];
    let base: Field = 2.pow_32(W as Field);
    for p in 0..P {
        let mut acc: Field = 0;
        for jj in 0..K {
            let idx = p * K + K - 1 - jj;
            acc = if idx < M { acc * base + v[idx] } else { acc * base };
        }
        out[p] = acc;
    }
    out
}
`;

const PK_COMMIT = 'let pk_c = commit_rns::<LN2, W_PK, K_PK, P_PK>(TAG_PK, pk_s);';
const VARIANTS: Record<string, (s: string) => string> = {
  exact: (s) => s.replace(/    for j in 0\.\.N \{\n\s+assert\(u_s\[j\] != 3[\s\S]*?\n    \}\n/, ''),
  pk_range: (s) => s.replace(PK_COMMIT, 'let pk_c = sponge::hash(TAG_PK, pack_unchecked::<LN2, W_PK, K_PK, P_PK>(pk_s));') + PACK_UNCHECKED,
  pk_hash: (s) =>
    s.replace(PK_COMMIT, 'let pkp = pack::<LN2, W_PK, K_PK, P_PK>(pk_s); let mut pk_c: Field = 0; for j in 0..P_PK { pk_c += pkp[j]; }'),
  wit_range: (s) => s.replace(/copy_into\(&mut wit, o, pack::</g, 'copy_into(&mut wit, o, pack_unchecked::<') + PACK_UNCHECKED,
  wit_hash: (s) => s.replace('let wit_c = sponge::hash(TAG_WIT, wit);', 'let mut wit_c: Field = 0; for j in 0..WIT_LEN { wit_c += wit[j]; }'),
  r2_hash: (s) => s.replace('let g = sponge::hash(TAG_GAMMA, r2_in);', 'let g = sponge::hash(TAG_GAMMA, [r2_in[0]]) + r2_in[1];'),
};

const cfg = resolveConfig();
const sets = process.argv.slice(2);
const base = readFileSync(join(WORKSPACE_DIR, 'user_encryption', 'src', 'main.nr'), 'utf8');
const bb = await BbSession.open(join(cfg.cacheDir, 'dev-crs'));
try {
  const out: Record<string, Record<string, number | null>> = {};
  for (const name of sets.length ? sets : ['INSECURE_N512', 'INSECURE_N1024']) {
    const lit = (Object.values(PARAMETER_SETS) as BfvParametersLiteral[]).find((s) => s.name === name);
    if (!lit) throw new Error(`unknown parameter set ${name}`);
    const p = bfvParameters(lit);
    const paramsNr = renderParamsNr(userEncryptionLayout({ name: p.name, N: p.N, moduli: p.moduli, t: p.t }));
    const gates = async (main: string) => {
      const overlays = { 'user_encryption/src/params.nr': paramsNr, 'user_encryption/src/main.nr': main };
      const { program } = await compileNoirPackage('user_encryption', cfg.cacheDir, overlays);
      return (await bb.gates(decodeAcir(program.bytecode))).gates;
    };
    const full = await gates(base);
    const row: Record<string, number | null> = { full };
    let rest = full;
    for (const [k, f] of Object.entries(VARIANTS)) {
      const src = f(base);
      // A stand-in that no longer matches main.nr is reported as null, never silently as 0.
      row[k] = src === base ? null : full - (await gates(src));
      if (row[k] !== null) rest -= row[k];
      console.log(`${name} ${k}: ${row[k]}`);
    }
    row.horner_pack_identity_rest = rest;
    out[name] = row;
  }
  console.log(JSON.stringify(out, null, 1));
} finally {
  await bb.close();
}
