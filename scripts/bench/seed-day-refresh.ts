/**
 * The full-refresh measurement of `npm run bench:day`: compressed bytes counted off the wire.
 */
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { ApiClient } from './bench-http';

interface RawAnswer {
  status: number;
  encoding: string;
  wireBytes: number;
  body: Buffer;
}

/**
 * A POST through node:http, which (unlike fetch) hands over the body as it came: its length is
 * the compressed size on the wire (body only, headers and chunk framing not counted).
 */
function rawPost(url: string, headers: Record<string, string>, json: unknown): Promise<RawAnswer> {
  const payload = Buffer.from(JSON.stringify(json));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          'Content-Type': 'application/json',
          'Content-Length': payload.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const wire = Buffer.concat(chunks);
          const encoding = String(res.headers['content-encoding'] ?? 'identity');
          const body =
            encoding === 'gzip'
              ? gunzipSync(wire)
              : encoding === 'br'
                ? brotliDecompressSync(wire)
                : wire;
          resolve({ status: res.statusCode ?? 0, encoding, wireBytes: wire.length, body });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Pulls the store's whole feed (`POST /api/v1/sync/full`) page by page as a new till would,
 * counting the gzip bytes each page took on the wire. A page other than 200 is handed to
 * `onFailure` and ends the pull.
 */
export async function fullRefresh(
  device: ApiClient,
  baseUrl: string,
  storeId: string,
  pageLimit: number,
  onFailure: (failure: { what: string; status: number; text: string }) => void,
) {
  await device.signIn();
  const authorization = await device.authorization();
  const url = new URL('/api/v1/sync/full', baseUrl).toString();
  let pages = 0;
  let wireBytes = 0;
  let decodedBytes = 0;
  let records = 0;
  let products = 0;
  const encodings = new Set<string>();
  let cursor: string | undefined;
  const started = performance.now();
  for (;;) {
    const answer = await rawPost(
      url,
      { Authorization: authorization, 'Accept-Encoding': 'gzip' },
      { storeId, limit: pageLimit, ...(cursor ? { cursor } : {}) },
    );
    pages += 1;
    wireBytes += answer.wireBytes;
    decodedBytes += answer.body.length;
    encodings.add(answer.encoding);
    const text = answer.body.toString();
    if (answer.status !== 200) {
      onFailure({ what: 'full refresh page', status: answer.status, text: text.slice(0, 600) });
      break;
    }
    const page = JSON.parse(text) as {
      changes: Array<{ type: string }>;
      cursor: string;
      hasMore: boolean;
    };
    records += page.changes.length;
    products += page.changes.filter((change) => change.type === 'product').length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  const ms = performance.now() - started;
  return { ms, pages, wireBytes, decodedBytes, records, products, encodings: [...encodings] };
}
