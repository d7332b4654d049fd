import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';

const compressibleType = /^(application\/([\w.+-]*\+)?json|text\/[\w.+-]+)\b/i;

/** The best of br and gzip the client accepts (RFC 9110 q-values), or undefined. */
export function preferredEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  let best: { encoding: 'br' | 'gzip'; quality: number } | undefined;
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (name !== 'br' && name !== 'gzip') continue;
    const qualityParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const quality = qualityParam ? Number.parseFloat(qualityParam.slice(2)) : 1;
    if (!(quality > 0)) continue;
    if (!best || quality > best.quality) best = { encoding: name, quality };
  }
  return best?.encoding;
}

/**
 * Compresses responses of at least `thresholdBytes`. On Workers the runtime does the encoding:
 * a response that declares `Content-Encoding` has its body compressed on the way out (encodeBody
 * "automatic"), so compressing here as well (Hono's compress middleware) would encode twice.
 * This middleware only decides when, and says so in the headers.
 */
export function compressLargeResponses(thresholdBytes = 1024) {
  return createMiddleware<AppEnv>(async (c, next) => {
    await next();
    const response = c.res;
    if (c.req.method === 'HEAD' || !response.body) return;
    if (response.headers.has('Content-Encoding')) return;
    if (!compressibleType.test(response.headers.get('Content-Type') ?? '')) return;
    if (/\bno-transform\b/i.test(response.headers.get('Cache-Control') ?? '')) return;
    const encoding = preferredEncoding(c.req.header('Accept-Encoding'));
    if (!encoding) return;

    const body = await response.arrayBuffer();
    const headers = new Headers(response.headers);
    if (body.byteLength >= thresholdBytes) {
      headers.set('Content-Encoding', encoding);
      headers.delete('Content-Length');
    }
    headers.append('Vary', 'Accept-Encoding');
    c.res = undefined;
    c.res = new Response(body, { status: response.status, headers });
  });
}
