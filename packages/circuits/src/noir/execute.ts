/**
 * Witness generation with noir_js. A failing Noir assertion becomes a WitnessError carrying the
 * assertion's message.
 */
import { Noir, type InputMap } from '@noir-lang/noir_js';
import type { CompiledProgram } from './compile.js';
import { CircuitArtifactError, WitnessError } from '../errors.js';

export type Execution = { witness: Uint8Array; returnValue: unknown };

export async function executeProgram(program: CompiledProgram, inputs: InputMap): Promise<Execution> {
  const noir = new Noir(program as never);
  try {
    const { witness, returnValue } = await noir.execute(inputs);
    return { witness, returnValue };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // Inputs that do not fit the circuit's ABI: the caller and the artifact disagree.
    if (/^Expected argument|does not match the specified type|but none was found|is not in the ABI/.test(msg)) {
      throw new CircuitArtifactError('inputs do not match the circuit ABI', { details: msg, cause: e });
    }
    // noir_js reports `Circuit execution failed: <assertion message>`.
    const assertion = msg.replace(/^Circuit execution failed:\s*/, '').split('\n')[0];
    throw new WitnessError('witness generation failed: a circuit assertion does not hold', {
      details: msg,
      assertion,
      cause: e,
    });
  }
}
