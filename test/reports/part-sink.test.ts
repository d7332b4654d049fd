import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { PartSink } from '../../src/services/exports/part-sink';

/** The bucket writer exports use: whole files in one put, large ones in 8 MiB parts. */
describe('the part sink', () => {
  it('puts a small file whole and a large one in parts, byte for byte', async () => {
    for (const total of [1_000, 20 * 1024 * 1024 + 123]) {
      const key = `test/${crypto.randomUUID()}`;
      const sink = new PartSink(env.REPORTS, key, { httpMetadata: { contentType: 'text/csv' } });
      const chunk = new Uint8Array(1024 * 1024 + 7);
      let written = 0;
      while (written < total) {
        const size = Math.min(chunk.byteLength, total - written);
        const bytes = chunk.subarray(0, size).map((_, index) => (written + index) % 251);
        sink.write(bytes);
        written += size;
        await sink.flushFullParts();
      }
      expect(await sink.close()).toBe(total);
      const object = await env.REPORTS.get(key);
      const stored = new Uint8Array(await (object?.arrayBuffer() ?? new ArrayBuffer(0)));
      expect(stored.byteLength).toBe(total);
      const wrong = stored.findIndex((value, index) => value !== index % 251);
      expect(wrong).toBe(-1);
      expect(object?.httpMetadata?.contentType).toBe('text/csv');
    }
  });
});
