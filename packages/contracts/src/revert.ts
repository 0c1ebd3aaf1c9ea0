/** Names the custom error behind a failed viem call, whichever contract raised it. */
import { BaseError as ViemBaseError, decodeErrorResult, type Hex } from 'viem';
import { interfoldErrorsAbi } from './abis.js';

export type DecodedRevert = { errorName: string; args: readonly unknown[] };

/** Walks a viem error to the revert data and decodes it with every Interfold error ABI. */
export function decodeRevert(error: unknown): DecodedRevert | undefined {
  if (!(error instanceof ViemBaseError)) return undefined;
  let data: Hex | undefined;
  error.walk((e) => {
    const c = e as { raw?: unknown; data?: unknown };
    if (data === undefined && typeof c.raw === 'string' && c.raw.startsWith('0x')) data = c.raw as Hex;
    if (data === undefined && typeof c.data === 'string' && (c.data as string).startsWith('0x')) data = c.data as Hex;
    if (data === undefined && typeof c.data === 'object' && c.data !== null) {
      const inner = (c.data as { data?: unknown }).data;
      if (typeof inner === 'string' && inner.startsWith('0x')) data = inner as Hex;
    }
    return false;
  });
  if (data === undefined || data.length < 10) return undefined;
  try {
    const r = decodeErrorResult({ abi: interfoldErrorsAbi, data });
    return { errorName: r.errorName, args: (r.args ?? []) as readonly unknown[] };
  } catch {
    return undefined;
  }
}
