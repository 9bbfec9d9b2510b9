/**
 * deflate-raw through the platform's CompressionStream / DecompressionStream (browsers and
 * Node 20 both have them). Inflating reads chunk by chunk and gives up past a byte limit, so a
 * small link that unpacks to gigabytes (a "zip bomb") costs only the limit.
 */

export type Inflated =
  { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly reason: 'damaged' | 'tooLarge' };

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** Feeds `input` in and reads the output, stopping past `maxBytes`; null when over the limit. */
async function pump(
  stream: CompressionStream | DecompressionStream,
  input: Uint8Array<ArrayBuffer>,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const writer = stream.writable.getWriter();
  // These settle with the stream; a damaged input rejects them, and read() below reports it.
  writer.write(input).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return concat(chunks, total);
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
}

export async function deflateRaw(input: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const bytes = await pump(new CompressionStream('deflate-raw'), input, Infinity);
  return bytes ?? new Uint8Array(0);
}

/** Inflates; never rejects: a truncated or garbled stream is 'damaged', one past `maxBytes` is 'tooLarge'. */
export async function inflateRaw(input: Uint8Array<ArrayBuffer>, maxBytes: number): Promise<Inflated> {
  try {
    const bytes = await pump(new DecompressionStream('deflate-raw'), input, maxBytes);
    return bytes === null ? { ok: false, reason: 'tooLarge' } : { ok: true, bytes };
  } catch {
    return { ok: false, reason: 'damaged' };
  }
}
