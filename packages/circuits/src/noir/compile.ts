/**
 * Compiles a package of the Noir workspace (packages/circuits/noir) with noir_wasm, optionally
 * overlaying generated files (per-parameter-set `params.nr`). Artifacts are cached in
 * <cacheDir>/artifacts under a content hash of what the package's compilation reads: its own
 * sources, those of the path dependencies its Nargo.toml names (transitively), the overlays and
 * the compiler version. So editing one circuit recompiles only that circuit, and editing `lib`
 * recompiles the circuits that use it; the workspace's root Nargo.toml is not read.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { compile_program, createFileManager } from '@noir-lang/noir_wasm';
import { CircuitArtifactError } from '../errors.js';
import { contentHash, readIfExists, writeFileAtomic } from '../cache.js';

export const WORKSPACE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'noir');

/** Version of the artifact cache key layout (bump when what the key covers changes). */
const KEY_VERSION = 'compile-v2/per-package';

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

let version: string | undefined;
function compilerVersion(): string {
  if (version) return version;
  const require = createRequire(import.meta.url);
  // The package's exports hide package.json: find it from the resolved entry point.
  let dir = dirname(require.resolve('@noir-lang/noir_wasm'));
  while (!readIfExists(join(dir, 'package.json'))) dir = dirname(dir);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  version = pkg.version;
  return version;
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

/** A path inside the workspace, relative and normalised; anything escaping it is refused. */
function insideWorkspace(rel: string, what: string): string {
  const n = normalize(rel);
  if (isAbsolute(n) || n === '..' || n.startsWith('..' + sep) || n === '.') {
    throw new CircuitArtifactError(`${what} is outside the Noir workspace`, { details: rel });
  }
  return n;
}

/**
 * The path dependencies of the package in `dir` (workspace-relative), from its Nargo.toml
 * `[dependencies]` table. Only `name = { path = "…" }` entries are supported: the toolchain works
 * offline, so a git dependency (or any other form) is a CircuitArtifactError.
 */
export function nargoPathDependencies(workspace: string, dir: string): string[] {
  const tomlPath = join(workspace, dir, 'Nargo.toml');
  const toml = readIfExists(tomlPath);
  if (!toml) throw new CircuitArtifactError(`Noir package "${dir}" has no Nargo.toml`, { details: tomlPath });
  const deps: string[] = [];
  let inDeps = false;
  for (const raw of toml.toString('utf8').split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    if (line.startsWith('[')) {
      if (/^\[\s*dependencies\s*\.|^\[\s*dependencies\s*\]$/.test(line) && line !== '[dependencies]') {
        throw new CircuitArtifactError(`unsupported dependency table in ${dir}/Nargo.toml`, { details: line });
      }
      inDeps = line === '[dependencies]';
      continue;
    }
    if (!inDeps) continue;
    const m = /^([A-Za-z0-9_-]+)\s*=\s*\{\s*path\s*=\s*"([^"]+)"\s*\}$/.exec(line);
    if (!m) throw new CircuitArtifactError(`unsupported dependency in ${dir}/Nargo.toml (only path dependencies)`, { details: line });
    deps.push(insideWorkspace(join(dir, m[2]!), `dependency "${m[1]}" of ${dir}`));
  }
  return deps;
}

/** `pkg` and every package it depends on through path dependencies, sorted (workspace-relative). */
export function packageClosure(pkg: string, workspace: string = WORKSPACE_DIR): string[] {
  const seen = new Set<string>();
  const visit = (dir: string) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    for (const d of nargoPathDependencies(workspace, dir)) visit(d);
  };
  visit(insideWorkspace(pkg, `package "${pkg}"`));
  return [...seen].sort();
}

/**
 * The artifact cache key of `pkg` compiled with `overlays`: the compiler version, the package
 * name, every source file of its dependency closure (overlaid files by their overlay content) and
 * the overlays themselves.
 */
export function compileKey(pkg: string, overlays: Record<string, string> = {}, workspace: string = WORKSPACE_DIR): string {
  const parts: string[] = [KEY_VERSION, compilerVersion(), pkg];
  for (const dir of packageClosure(pkg, workspace)) {
    for (const f of listFiles(join(workspace, dir))) {
      const rel = relative(workspace, f);
      if (overlays[rel] === undefined) parts.push(rel, readFileSync(f, 'utf8'));
    }
  }
  for (const [rel, content] of Object.entries(overlays).sort()) parts.push('overlay:' + rel, content);
  return contentHash(parts);
}

export type CompileOptions = {
  /** The Noir workspace to compile from (tests use a temporary copy). */
  workspace?: string;
};

/**
 * Compiles workspace package `pkg` with `overlays` (path relative to the workspace → content)
 * written over the sources. Returns the cached artifact when its key is unchanged (`cached`).
 */
export async function compileNoirPackage(
  pkg: string,
  cacheDir: string,
  overlays: Record<string, string> = {},
  options: CompileOptions = {},
): Promise<{ program: CompiledProgram; hash: string; cached: boolean }> {
  const workspace = options.workspace ?? WORKSPACE_DIR;
  for (const rel of Object.keys(overlays)) insideWorkspace(rel, `overlay "${rel}"`);
  const closure = packageClosure(pkg, workspace);
  const hash = compileKey(pkg, overlays, workspace);
  const artifactPath = join(cacheDir, 'artifacts', `${pkg}-${hash}.json`);
  const cached = readIfExists(artifactPath);
  if (cached) return { program: JSON.parse(cached.toString('utf8')) as CompiledProgram, hash, cached: true };

  // noir_wasm's node file manager reads from disk: compile a private copy of the package and its
  // dependencies (same relative layout) with the overlays. mkdtemp: concurrent processes never
  // share a build directory, and the artifact is written atomically.
  mkdirSync(join(cacheDir, 'build'), { recursive: true });
  const buildDir = mkdtempSync(join(cacheDir, 'build', `${pkg}-`));
  try {
    for (const dir of closure) {
      cpSync(join(workspace, dir), join(buildDir, dir), { recursive: true, filter: (src) => !relative(workspace, src).split(sep).includes('target') });
    }
    for (const [rel, content] of Object.entries(overlays)) {
      const to = join(buildDir, normalize(rel));
      if (!existsSync(dirname(to))) mkdirSync(dirname(to), { recursive: true });
      writeFileSync(to, content);
    }
    let result;
    try {
      const fm = createFileManager(buildDir);
      result = await withConsoleLogOnStderr(() => compile_program(fm, join(buildDir, pkg), () => {}, () => {}));
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
    return { program, hash, cached: false };
  } finally {
    rmSync(buildDir, { recursive: true, force: true });
  }
}

/**
 * noir_wasm's compiler prints "Compiling at <path>" with console.log, i.e. on the caller's stdout.
 * A library must not write there: `e3 dev --json` promises exactly one JSON document on stdout, and
 * a cold circuit cache broke it. While any compile is in flight, console.log goes to stderr; a
 * counter, so overlapping compiles restore the original only when the last one ends.
 */
let redirected = 0;
let originalLog: typeof console.log | undefined;
async function withConsoleLogOnStderr<T>(run: () => Promise<T>): Promise<T> {
  if (redirected++ === 0) {
    originalLog = console.log;
    console.log = (...args: unknown[]) => console.error(...args);
  }
  try {
    return await run();
  } finally {
    if (--redirected === 0 && originalLog) {
      console.log = originalLog;
      originalLog = undefined;
    }
  }
}
