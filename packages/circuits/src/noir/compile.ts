/**
 * Compiles a package of the Noir workspace (packages/circuits/noir) with noir_wasm, optionally
 * overlaying generated files (per-parameter-set `params.nr`). Artifacts are cached by a content
 * hash of every source file, the overlays and the compiler version, in <cacheDir>/artifacts.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { compile_program, createFileManager } from '@noir-lang/noir_wasm';
import { CircuitArtifactError } from '../errors.js';
import { contentHash, readIfExists, writeFileAtomic } from '../cache.js';

export const WORKSPACE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'noir');

/** The compiled program as noir_js and bb.js take it. */
export type CompiledProgram = {
  noir_version: string;
  hash?: string | number;
  abi: {
    parameters: { name: string; type: unknown; visibility: 'public' | 'private' | 'databus' }[];
    return_type: unknown;
    error_types: Record<string, unknown>;
  };
  bytecode: string;
  debug_symbols?: unknown;
  file_map?: unknown;
};

function compilerVersion(): string {
  const require = createRequire(import.meta.url);
  // The package's exports hide package.json: find it from the resolved entry point.
  let dir = dirname(require.resolve('@noir-lang/noir_wasm'));
  while (!readIfExists(join(dir, 'package.json'))) dir = dirname(dir);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name === 'target') continue;
      out.push(...listFiles(p));
    } else if (name.endsWith('.nr') || name === 'Nargo.toml') out.push(p);
  }
  return out;
}

/**
 * Compiles workspace package `pkg` with `overlays` (path relative to the workspace → content)
 * written over the sources. Returns the cached artifact when sources are unchanged.
 */
export async function compileNoirPackage(
  pkg: string,
  cacheDir: string,
  overlays: Record<string, string> = {},
): Promise<{ program: CompiledProgram; hash: string }> {
  const files = listFiles(WORKSPACE_DIR);
  const parts: string[] = [compilerVersion(), pkg];
  for (const f of files) {
    const rel = relative(WORKSPACE_DIR, f);
    if (overlays[rel] === undefined) parts.push(rel, readFileSync(f, 'utf8'));
  }
  for (const [rel, content] of Object.entries(overlays).sort()) parts.push('overlay:' + rel, content);
  const hash = contentHash(parts);
  const artifactPath = join(cacheDir, 'artifacts', `${pkg}-${hash}.json`);
  const cached = readIfExists(artifactPath);
  if (cached) return { program: JSON.parse(cached.toString('utf8')) as CompiledProgram, hash };

  // noir_wasm's node file manager reads from disk: compile a private copy with the overlays.
  mkdirSync(join(cacheDir, 'build'), { recursive: true });
  const buildDir = mkdtempSync(join(cacheDir, 'build', `${pkg}-`));
  try {
    cpSync(WORKSPACE_DIR, buildDir, { recursive: true, filter: (src) => !src.includes(`${'/'}target`) });
    for (const [rel, content] of Object.entries(overlays)) {
      mkdirSync(dirname(join(buildDir, rel)), { recursive: true });
      writeFileSync(join(buildDir, rel), content);
    }
    let result;
    try {
      const fm = createFileManager(buildDir);
      result = await compile_program(fm, join(buildDir, pkg), () => {}, () => {});
    } catch (e) {
      throw new CircuitArtifactError(`Noir package "${pkg}" failed to compile`, {
        details: e instanceof Error ? e.message : String(e),
        cause: e,
      });
    }
    const program = result.program as unknown as CompiledProgram;
    delete program.debug_symbols;
    delete program.file_map;
    writeFileAtomic(artifactPath, JSON.stringify(program));
    return { program, hash };
  } finally {
    rmSync(buildDir, { recursive: true, force: true });
  }
}
