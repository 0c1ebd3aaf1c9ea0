/**
 * Program plugins (session-3 agreement): each `programs` entry of the node config names an ES
 * module exporting `createProgram(id: bigint): Program`. The built-in sum stays registered under
 * the deployment's dev program id; a configured module under the same id replaces it.
 *
 * A module is code the operator chose to run (like the node itself): it is imported, not sandboxed.
 * What it returns is still checked (id, name, compute), so a wrong module is a clear startup error
 * rather than a failure in the middle of an E3.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProgramEntry } from '../config/index.js';
import { ProgramRegistry, sumProgram, type Program } from '../core/index.js';
import { ProgramModuleError } from './errors.js';

/** `import()` specifier: absolute file paths become file URLs; package names stay as they are. */
function specifierOf(module: string): string {
  return isAbsolute(module) ? pathToFileURL(module).href : module;
}

/** Import one module and build its Program under `id`; typed ProgramModuleError on anything wrong. */
export async function loadProgram(entry: ProgramEntry): Promise<Program> {
  const where = `${entry.module} (program ${entry.id})`;
  let mod: unknown;
  try {
    mod = await import(specifierOf(entry.module));
  } catch (cause) {
    throw new ProgramModuleError('Cannot import the program module', { details: `${where}: ${cause instanceof Error ? cause.message : String(cause)}`, cause });
  }
  const factory = typeof mod === 'object' && mod !== null ? (mod as { createProgram?: unknown }).createProgram : undefined;
  if (typeof factory !== 'function') throw new ProgramModuleError('The program module does not export a createProgram function', { details: where });
  let program: unknown;
  try {
    program = (factory as (id: bigint) => unknown)(entry.id);
  } catch (cause) {
    throw new ProgramModuleError('createProgram threw', { details: `${where}: ${cause instanceof Error ? cause.message : String(cause)}`, cause });
  }
  if (typeof program !== 'object' || program === null) throw new ProgramModuleError('createProgram did not return an object', { details: where });
  const p = program as { id?: unknown; name?: unknown; compute?: unknown };
  if (p.id !== entry.id) throw new ProgramModuleError('createProgram returned a program with another id', { details: `${where}: got ${String(p.id)}` });
  if (typeof p.name !== 'string' || p.name.length === 0) throw new ProgramModuleError('The program has no name', { details: where });
  if (typeof p.compute !== 'function') throw new ProgramModuleError('The program has no compute function', { details: where });
  return program as Program;
}

/** The registry a node runs: sum under the dev program id, then every configured module. */
export async function loadPrograms(entries: readonly ProgramEntry[], devProgramId?: bigint): Promise<ProgramRegistry> {
  const programs: Program[] = devProgramId === undefined ? [] : [sumProgram(devProgramId)];
  for (const e of entries) programs.push(await loadProgram(e));
  return new ProgramRegistry(programs);
}
