/**
 * Writes a file to R2 a part at a time, so a large export never sits whole in the Worker's
 * memory (128 MB): bytes gather until a part is full (8 MiB; R2 wants at least 5 MiB for every
 * part but the last), then go up as one part of a multipart upload. A file that ends within its
 * first part is put in one request instead.
 */

const partSize = 8 * 1024 * 1024;

export class PartSink {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private size = 0;
  private upload: R2MultipartUpload | undefined;
  private parts: R2UploadedPart[] = [];

  constructor(
    private readonly bucket: R2Bucket,
    private readonly key: string,
    private readonly options: R2PutOptions & R2MultipartOptions,
  ) {}

  write(bytes: Uint8Array): void {
    if (bytes.byteLength === 0) return;
    this.chunks.push(bytes);
    this.buffered += bytes.byteLength;
    this.size += bytes.byteLength;
  }

  /** Uploads every full part gathered so far. */
  async flushFullParts(): Promise<void> {
    while (this.buffered >= partSize) {
      const all = this.take();
      await this.uploadPart(all.subarray(0, partSize));
      this.keep(all.subarray(partSize));
    }
  }

  /** Ends the file (the last part, or the whole file in one put); answers its size. */
  async close(): Promise<number> {
    await this.flushFullParts();
    const rest = this.take();
    if (!this.upload) {
      await this.bucket.put(this.key, rest, this.options);
      return this.size;
    }
    if (rest.byteLength > 0) await this.uploadPart(rest);
    await this.upload.complete(this.parts);
    return this.size;
  }

  /** Drops a multipart upload that will not be completed (the job failed). */
  async abort(): Promise<void> {
    await this.upload?.abort().catch(() => undefined);
  }

  private async uploadPart(bytes: Uint8Array): Promise<void> {
    this.upload ??= await this.bucket.createMultipartUpload(this.key, this.options);
    this.parts.push(await this.upload.uploadPart(this.parts.length + 1, bytes));
  }

  private take(): Uint8Array {
    const all = new Uint8Array(this.buffered);
    let offset = 0;
    for (const chunk of this.chunks) {
      all.set(chunk, offset);
      offset += chunk.byteLength;
    }
    this.chunks = [];
    this.buffered = 0;
    return all;
  }

  private keep(rest: Uint8Array): void {
    if (rest.byteLength === 0) return;
    this.chunks = [rest.slice()];
    this.buffered = rest.byteLength;
  }
}
