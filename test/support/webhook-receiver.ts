import { createServer, type Server } from 'node:http';

/**
 * A real HTTP receiver for the alert webhook (started in Node by test/global-setup.ts): it keeps
 * every POST it gets (headers and body) and answers them on `GET /received`. `POST /fail` answers
 * 503, for a receiver that is down.
 */
export interface ReceivedPost {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export async function startWebhookReceiver(): Promise<{ url: string; stop: () => Promise<void> }> {
  const received: ReceivedPost[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'GET' && request.url === '/received') {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(received));
        return;
      }
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
      );
      received.push({ path: request.url ?? '/', headers, body: Buffer.concat(chunks).toString() });
      response.writeHead(request.url === '/fail' ? 503 : 200);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the receiver has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
