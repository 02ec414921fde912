/**
 * DNS over TCP prefixes every message with its 2-byte length (RFC 1035 4.2.2);
 * messages may arrive split across or packed into TCP chunks.
 */
export class TcpFramer {
  private buffered = Buffer.alloc(0);

  /** Adds a chunk; returns every message it completed. */
  push(chunk: Buffer): Buffer[] {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    const messages: Buffer[] = [];
    while (this.buffered.length >= 2) {
      const length = this.buffered.readUInt16BE(0);
      if (this.buffered.length < 2 + length) break;
      messages.push(this.buffered.subarray(2, 2 + length));
      this.buffered = this.buffered.subarray(2 + length);
    }
    return messages;
  }
}

export function frame(message: Buffer): Buffer {
  const length = Buffer.alloc(2);
  length.writeUInt16BE(message.length);
  return Buffer.concat([length, message]);
}
