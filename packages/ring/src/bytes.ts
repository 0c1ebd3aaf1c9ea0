/**
 * Canonical byte encoding helpers shared by every serializer. Little-endian, fixed widths, no
 * optional fields: one value has exactly one encoding. The reader checks every length and range
 * and throws `DecodeError` (never reads past the end, never returns a partial object).
 */
import { DecodeError } from './errors.js';

export function bytesToHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += b[i].toString(16).padStart(2, '0');
  return s;
}

export function hexToBytes(hex: string): Uint8Array {
  const h = hex.startsWith('0x') ? hex.slice(2) : hex;
  if (h.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(h)) throw new DecodeError('Invalid hex string');
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export class ByteWriter {
  private buf: Uint8Array;
  private len = 0;

  constructor(capacity = 1024) {
    this.buf = new Uint8Array(capacity);
  }

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const nb = new Uint8Array(cap);
    nb.set(this.buf.subarray(0, this.len));
    this.buf = nb;
  }

  u8(v: number): this {
    this.ensure(1);
    this.buf[this.len++] = v & 0xff;
    return this;
  }

  u16(v: number): this {
    this.ensure(2);
    this.buf[this.len++] = v & 0xff;
    this.buf[this.len++] = (v >>> 8) & 0xff;
    return this;
  }

  u32(v: number): this {
    this.ensure(4);
    for (let i = 0; i < 4; i++) this.buf[this.len++] = (v >>> (8 * i)) & 0xff;
    return this;
  }

  /** An unsigned integer below 2^(8·width) (width ≤ 7 for numbers), little-endian. */
  uint(v: number, width: number): this {
    this.ensure(width);
    let x = v;
    for (let i = 0; i < width; i++) {
      this.buf[this.len++] = x % 256;
      x = Math.floor(x / 256);
    }
    return this;
  }

  /** A bigint in [0, 2^(8·width)), little-endian. */
  bigUint(v: bigint, width: number): this {
    this.ensure(width);
    let x = v;
    for (let i = 0; i < width; i++) {
      this.buf[this.len++] = Number(x & 0xffn);
      x >>= 8n;
    }
    return this;
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }

  /** u32 length prefix + bytes. */
  varBytes(b: Uint8Array): this {
    return this.u32(b.length).bytes(b);
  }

  /** Residues r < modulus, each in `width` bytes. */
  residues(r: ArrayLike<number>, width: number): this {
    this.ensure(r.length * width);
    const buf = this.buf;
    let p = this.len;
    for (let k = 0; k < r.length; k++) {
      const x = r[k];
      // low 32 bits and high part: exact for x < 2^53
      const hi = Math.floor(x / 4294967296);
      let lo = x - hi * 4294967296;
      for (let i = 0; i < width; i++) {
        if (i < 4) {
          buf[p++] = lo & 0xff;
          lo = lo >>> 8;
        } else {
          buf[p++] = (hi >>> (8 * (i - 4))) & 0xff;
        }
      }
    }
    this.len = p;
    return this;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

export class ByteReader {
  private pos = 0;
  constructor(private readonly buf: Uint8Array, private readonly what = 'value') {}

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) {
      throw new DecodeError(`Truncated ${this.what}`, {
        details: `need ${n} more bytes at offset ${this.pos}, have ${this.buf.length - this.pos}`,
      });
    }
  }

  u8(): number {
    this.need(1);
    return this.buf[this.pos++];
  }

  u16(): number {
    this.need(2);
    const v = this.buf[this.pos] | (this.buf[this.pos + 1] << 8);
    this.pos += 2;
    return v;
  }

  u32(): number {
    this.need(4);
    const b = this.buf;
    const p = this.pos;
    this.pos += 4;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
  }

  uint(width: number): number {
    this.need(width);
    let v = 0;
    for (let i = width - 1; i >= 0; i--) v = v * 256 + this.buf[this.pos + i];
    this.pos += width;
    return v;
  }

  bigUint(width: number): bigint {
    this.need(width);
    let v = 0n;
    for (let i = width - 1; i >= 0; i--) v = (v << 8n) | BigInt(this.buf[this.pos + i]);
    this.pos += width;
    return v;
  }

  bytes(n: number): Uint8Array {
    this.need(n);
    const out = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  varBytes(max = 1 << 30): Uint8Array {
    const n = this.u32();
    if (n > max) throw new DecodeError(`Oversized ${this.what}`, { details: `length ${n} exceeds ${max}` });
    return this.bytes(n);
  }

  /** `count` residues of `width` bytes each into out; each must be < modulus. */
  residues(out: Float64Array, width: number, modulus: number): void {
    const count = out.length;
    this.need(count * width);
    const b = this.buf;
    let p = this.pos;
    for (let k = 0; k < count; k++) {
      let v = 0;
      for (let i = width - 1; i >= 0; i--) v = v * 256 + b[p + i];
      p += width;
      if (v >= modulus) {
        throw new DecodeError(`Out-of-range residue in ${this.what}`, { details: `value ${v} ≥ modulus ${modulus} at index ${k}` });
      }
      out[k] = v;
    }
    this.pos = p;
  }

  /** Throws unless every byte was consumed (trailing garbage is malformed input). */
  end(): void {
    if (this.pos !== this.buf.length) {
      throw new DecodeError(`Trailing bytes after ${this.what}`, { details: `${this.buf.length - this.pos} bytes left` });
    }
  }
}
