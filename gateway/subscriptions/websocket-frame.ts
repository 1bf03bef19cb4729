/** Largest payload a 16-bit extended length holds (RFC 6455 §5.2: lengths 126–65535 use 2 more bytes). */
const MAX_16_BIT_LENGTH = 0xffff;
/** First byte of a final text frame: FIN = 1, RSV1–3 = 0, opcode 0x1 (text). RFC 6455 §5.2. */
const FINAL_TEXT = 0x81;

/**
 * Encodes one WebSocket text message, server to client, as a single final unmasked frame (RFC 6455 §5.2, base framing:
 * servers never mask, §5.1) whose payload is the bytes of `parts`, in order — a subscriber's message prefix, the
 * result shared by every subscriber, a closing brace — copied once into one buffer, so that the message leaves in one
 * socket write. Small frames come from Node's shared buffer pool.
 * @param parts - UTF-8 bytes; their concatenation must be valid UTF-8 (a text frame's payload, §5.6).
 * @returns header (2, 4 or 10 bytes: 7-bit, 16-bit or 64-bit payload length) + payload.
 */
export function encodeTextFrame(parts: readonly Uint8Array[]): Buffer {
  let length = 0;
  for (const part of parts) length += part.length;
  const headerLength = length < 126 ? 2 : length <= MAX_16_BIT_LENGTH ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = FINAL_TEXT;
  if (headerLength === 2) {
    frame[1] = length;
  } else if (headerLength === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  let offset = headerLength;
  for (const part of parts) {
    frame.set(part, offset);
    offset += part.length;
  }
  return frame;
}
