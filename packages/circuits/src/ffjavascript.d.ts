// Minimal typings for the part of ffjavascript 0.3.1 the development CRS uses (it ships none).
declare module 'ffjavascript' {
  type Buf = Uint8Array;
  interface WasmField {
    e(v: bigint | number | string): Buf;
  }
  interface WasmGroup {
    g: Buf;
    toAffine(p: Buf): Buf;
    batchApplyKey(buff: Buf, first: Buf, inc: Buf, inType?: string, outType?: string): Promise<Buf>;
    batchLEMtoU(buff: Buf): Promise<Buf>;
  }
  interface Curve {
    G1: WasmGroup;
    Fr: WasmField;
    terminate(): Promise<void>;
  }
  export function buildBn128(singleThread?: boolean): Promise<Curve>;
}
