// NDJSON lines from a byte stream, pulled one at a time: the next chunk is read only when the
// lines of the current one are taken, so a reader that stops taking lines holds at most one
// chunk (plus a line longer than a chunk). readline, by contrast, keeps emitting lines into a
// buffer of up to 1,024 whatever the consumer does.
import type { Readable } from 'node:stream';

export interface Line {
  text: string;
  /** Bytes of the input consumed up to the end of this line (for progress against a file's size). */
  end: number;
}

const NEWLINE = 0x0a;
const CR = 0x0d;

export async function* readLines(input: Readable): AsyncGenerator<Line> {
  let partial: Buffer[] = [];
  let consumed = 0;
  const line = (bytes: Buffer): Line => {
    consumed += bytes.length;
    // \n is never part of a multi-byte UTF-8 sequence, so splitting bytes on it is safe.
    const body = bytes.length && bytes[bytes.length - 1] === NEWLINE ? bytes.subarray(0, -1) : bytes;
    const text = (body.length && body[body.length - 1] === CR ? body.subarray(0, -1) : body).toString('utf8');
    return { text, end: consumed };
  };
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (let nl = buf.indexOf(NEWLINE); nl >= 0; nl = buf.indexOf(NEWLINE, start)) {
      const piece = buf.subarray(start, nl + 1);
      start = nl + 1;
      yield line(partial.length ? Buffer.concat([...partial, piece]) : piece);
      partial = [];
    }
    if (start < buf.length) partial.push(buf.subarray(start));
  }
  // A last line without a newline is still a line; nothing after a final newline is not.
  if (partial.length) yield line(Buffer.concat(partial));
}
