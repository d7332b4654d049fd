import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { Gunzip, Gzip } from 'fflate';

/**
 * Gzip-compressed NDJSON, the format of backups and monthly archives: one JSON document per line,
 * written and read as a stream so a company's data never sits whole in a Worker's memory.
 *
 * Two SHA-256 digests are kept while the bytes go by: of the file as stored (`sha256`, what a
 * restore verifies before it commits) and of the NDJSON text inside it (`contentSha256`, what an
 * archive compares to see whether a month changed; it does not depend on the compressor).
 * The gzip header carries no modification time, so the same text compresses to the same bytes.
 */

/** Where the compressed bytes go: services/exports/part-sink.ts (R2, a part at a time). */
export interface ByteSink {
  write(bytes: Uint8Array): void;
  flushFullParts(): Promise<void>;
  close(): Promise<number>;
  abort(): Promise<void>;
}

/** Text gathered before it is compressed: fewer, larger pushes into the deflater. */
const textChunkChars = 256 * 1024;

export interface NdjsonDigest {
  lines: number;
  /** Bytes of the compressed file. */
  sizeBytes: number;
  /** SHA-256 (hex) of the compressed file. */
  sha256: string;
  /** SHA-256 (hex) of the NDJSON text. */
  contentSha256: string;
}

export class NdjsonGzipWriter {
  private pending: string[] = [];
  private pendingChars = 0;
  private lines = 0;
  private sizeBytes = 0;
  private readonly encoder = new TextEncoder();
  private readonly fileHash = sha256.create();
  private readonly contentHash = sha256.create();
  private readonly gzip: Gzip;

  constructor(private readonly sink: ByteSink) {
    this.gzip = new Gzip({ level: 6, mtime: 0 }, (chunk) => {
      this.fileHash.update(chunk);
      this.sizeBytes += chunk.byteLength;
      sink.write(chunk);
    });
  }

  /** One line: a JSON document without line breaks (JSON text escapes them). */
  line(json: string): void {
    this.pending.push(json, '\n');
    this.pendingChars += json.length + 1;
    this.lines += 1;
    if (this.pendingChars >= textChunkChars) this.compress(false);
  }

  /** Compresses what is pending and uploads every full part: call it after each page of rows. */
  async flush(): Promise<void> {
    this.compress(false);
    await this.sink.flushFullParts();
  }

  /** Ends the compressed stream and answers its digests; nothing is stored until `commit`. */
  end(): NdjsonDigest {
    this.compress(true);
    return {
      lines: this.lines,
      sizeBytes: this.sizeBytes,
      sha256: bytesToHex(this.fileHash.digest()),
      contentSha256: bytesToHex(this.contentHash.digest()),
    };
  }

  /** Stores the file (its last part, or the whole file in one put). */
  async commit(): Promise<void> {
    await this.sink.close();
  }

  /** Leaves nothing behind: the multipart upload, if one was started, is aborted. */
  async discard(): Promise<void> {
    await this.sink.abort();
  }

  private compress(final: boolean): void {
    const bytes = this.encoder.encode(this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
    this.contentHash.update(bytes);
    this.gzip.push(bytes, final);
  }
}

/**
 * Reads a gzip NDJSON file as it streams in, handing its lines over in batches of up to
 * `batchLines` (the next batch is not read before `onLines` finishes). Answers the digests of
 * what was read; a corrupt or truncated gzip stream throws.
 */
export async function readNdjsonGzip(
  file: ReadableStream<Uint8Array>,
  onLines: (lines: string[]) => Promise<void>,
  batchLines = 1000,
): Promise<NdjsonDigest> {
  const fileHash = sha256.create();
  const contentHash = sha256.create();
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let sizeBytes = 0;
  let lineCount = 0;
  let partial = '';
  let ready: string[] = [];
  const gunzip = new Gunzip((chunk) => {
    contentHash.update(chunk);
    const text = partial + decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) ready.push(line);
  });
  const handOver = async (all: boolean) => {
    while (ready.length >= batchLines || (all && ready.length > 0)) {
      const batch = ready.slice(0, batchLines);
      ready = ready.slice(batch.length);
      lineCount += batch.length;
      await onLines(batch);
    }
  };

  const reader = file.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      fileHash.update(value);
      sizeBytes += value.byteLength;
      gunzip.push(value);
      await handOver(false);
    }
  } finally {
    reader.releaseLock();
  }
  gunzip.push(new Uint8Array(0), true);
  const rest = partial + decoder.decode();
  if (rest !== '') ready.push(rest);
  await handOver(true);
  return {
    lines: lineCount,
    sizeBytes,
    sha256: bytesToHex(fileHash.digest()),
    contentSha256: bytesToHex(contentHash.digest()),
  };
}
