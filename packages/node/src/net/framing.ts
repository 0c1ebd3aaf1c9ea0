/**
 * Length-prefixed frames on libp2p@3 streams (EventTarget streams: 'message' events, `send`
 * with back-pressure): `u32 BE length ‖ payload`. One frame per direction per stream. The reader
 * checks the announced length against its cap before allocating, and rejects truncation and
 * trailing bytes.
 */
import type { Stream } from '@libp2p/interface';
import { FrameError, FrameTooLargeError } from './errors.js';

const CHUNK = 64 * 1024;

/** Write one frame, in chunks, honouring back-pressure. */
export async function writeFrame(stream: Stream, payload: Uint8Array, signal?: AbortSignal): Promise<void> {
  const header = new Uint8Array(4);
  new DataView(header.buffer).setUint32(0, payload.length);
  if (!stream.send(header)) await stream.onDrain({ signal });
  for (let off = 0; off < payload.length; off += CHUNK) {
    if (!stream.send(payload.subarray(off, Math.min(off + CHUNK, payload.length)))) await stream.onDrain({ signal });
  }
}

/**
 * Read exactly one frame of at most `max` bytes. `onHeader` sees the announced length first (a
 * rate limiter may throw to refuse it before any allocation).
 */
export function readFrame(stream: Stream, max: number, options: { signal?: AbortSignal; onHeader?: (length: number) => void } = {}): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const header = new Uint8Array(4);
    let headerLen = 0;
    let body: Uint8Array | undefined;
    let off = 0;
    let settled = false;
    const finish = (err: Error | undefined, value?: Uint8Array) => {
      if (settled) return;
      settled = true;
      stream.removeEventListener('message', onMessage);
      stream.removeEventListener('remoteCloseWrite', onEnd);
      stream.removeEventListener('close', onEnd);
      options.signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve(value as Uint8Array);
    };
    const onAbort = () => finish(options.signal?.reason instanceof Error ? options.signal.reason : new FrameError('Frame read aborted'));
    const onEnd = () => finish(new FrameError('Stream ended inside a frame', { details: body ? `${off}/${body.length} bytes` : `${headerLen}/4 header bytes` }));
    const onMessage = (evt: { data: Uint8Array | { subarray(): Uint8Array } }) => {
      if (settled) return;
      const chunk = evt.data instanceof Uint8Array ? evt.data : evt.data.subarray();
      let i = 0;
      try {
        if (!body) {
          const n = Math.min(4 - headerLen, chunk.length);
          header.set(chunk.subarray(0, n), headerLen);
          headerLen += n;
          i = n;
          if (headerLen < 4) return;
          const len = new DataView(header.buffer).getUint32(0);
          if (len > max) throw new FrameTooLargeError('Frame exceeds the size limit', { details: `${len} > ${max} bytes` });
          options.onHeader?.(len);
          body = new Uint8Array(len);
        }
        const n = Math.min(body.length - off, chunk.length - i);
        body.set(chunk.subarray(i, i + n), off);
        off += n;
        i += n;
        if (i < chunk.length) throw new FrameError('Bytes after the frame', { details: `${chunk.length - i} extra` });
        if (off === body.length) finish(undefined, body);
      } catch (e) {
        finish(e instanceof Error ? e : new FrameError(String(e)));
      }
    };
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort);
    stream.addEventListener('message', onMessage);
    stream.addEventListener('remoteCloseWrite', onEnd);
    stream.addEventListener('close', onEnd);
  });
}
