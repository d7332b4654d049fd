import { createServer, type ServerResponse, STATUS_CODES } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';

export interface ProxyLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface UpstreamOptions {
  host: string;
  port: number;
  /** Sessions allowed at once; undefined = unlimited. Extra sessions wait in a FIFO queue. */
  maxConnections?: number;
  /** Runs after a session's TCP socket has closed, before its slot goes to the next session. */
  afterSession?: () => Promise<void>;
  /**
   * End the TCP connection once the client has sent Terminate. Postgres closes the connection
   * itself; PGlite's socket server does not, and the Neon driver waits for the server to close.
   */
  endAfterTerminate?: boolean;
}

export interface NeonWsProxyOptions {
  host?: string;
  port?: number;
  upstreams: UpstreamOptions[];
  logger?: ProxyLogger;
  /**
   * Fault injection for the fault suite and the soak (test/faults): `POST /faults/interrupt?ms=`
   * drops every session at once and refuses new ones for that long, as a database host that went
   * away; `POST /faults/restart` runs `restart` (restarting Postgres, or the closest the machine
   * allows). Undefined: the endpoints do not exist (the local stack of `npm run dev`).
   */
  faults?: { restart(proxy: NeonWsProxy): Promise<string> };
}

export interface UpstreamStats {
  address: string;
  maxConnections: number | null;
  active: number;
  queued: number;
  served: number;
  /**
   * Statements clients sent: each simple-protocol Query ('Q') and each extended-protocol Execute
   * ('E'). Parse, Bind, Describe and Sync run nothing by themselves; a Query holding several
   * statements separated by semicolons counts once.
   */
  statements: number;
  /** Sessions that switched to TLS inside the WebSocket: their statements cannot be counted. */
  encryptedSessions: number;
  peakActive: number;
  peakQueued: number;
}

export interface NeonWsProxyStats {
  upstreams: UpstreamStats[];
  totalServed: number;
  totalStatements: number;
  totalRefused: number;
}

export interface NeonWsProxy {
  host: string;
  port: number;
  /** 'host:port', for neonConfig.wsProxy. */
  address: string;
  stats(): NeonWsProxyStats;
  /** Drops every session now and refuses new ones for `ms` (see NeonWsProxyOptions.faults). */
  interrupt(ms: number): void;
  close(): Promise<void>;
}

const HIGH_WATER_BYTES = 1024 * 1024;
const LOW_WATER_BYTES = 256 * 1024;
// A server that ignores our FIN must not hold a slot forever.
const UPSTREAM_CLOSE_TIMEOUT_MS = 5_000;
const SHUTDOWN_GRACE_MS = 2_000;
const NORMAL_CLIENT_CLOSE_CODES = new Set([1000, 1001, 1005, 1006]);
const ORDINARY_SOCKET_ERRORS = new Set(['ECONNRESET', 'EPIPE']);
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1']);

export const quietLogger: ProxyLogger = {
  info: () => undefined,
  error: (msg, fields) => {
    const line = { level: 'error', time: new Date().toISOString(), msg, ...fields };
    process.stderr.write(`${JSON.stringify(line)}\n`);
  },
};

class Upstream {
  readonly address: string;
  active = 0;
  served = 0;
  statements = 0;
  encryptedSessions = 0;
  peakActive = 0;
  peakQueued = 0;
  readonly queue: Session[] = [];

  constructor(readonly options: UpstreamOptions) {
    this.address = formatHostPort(options.host, options.port);
  }

  get hasFreeSlot(): boolean {
    const { maxConnections } = this.options;
    return maxConnections === undefined || this.active < maxConnections;
  }

  stats(): UpstreamStats {
    return {
      address: this.address,
      maxConnections: this.options.maxConnections ?? null,
      active: this.active,
      queued: this.queue.length,
      served: this.served,
      statements: this.statements,
      encryptedSessions: this.encryptedSessions,
      peakActive: this.peakActive,
      peakQueued: this.peakQueued,
    };
  }
}

interface SessionEvents {
  /** The WebSocket closed while the session still waited for a slot. */
  onAbandoned(session: Session): void;
  /** The upstream TCP socket has fully closed; the slot may be handed on. */
  onUpstreamClosed(session: Session): void;
  onFinished(session: Session): void;
}

/** One WebSocket client piped to one upstream TCP connection. */
class Session {
  private socket: Socket | undefined;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private clientClosed = false;
  private upstreamClosed = false;
  private failed = false;
  private readonly messages = new ClientMessageParser();
  private closeTimer: NodeJS.Timeout | undefined;
  private readonly startedAt = Date.now();

  constructor(
    readonly id: number,
    private readonly ws: WebSocket,
    readonly upstream: Upstream,
    private readonly logger: ProxyLogger,
    private readonly events: SessionEvents,
  ) {
    ws.on('message', (data) => this.fromClient(toBuffer(data)));
    ws.on('error', (err: NodeJS.ErrnoException) => {
      const fields = { session: id, code: err.code, message: err.message };
      if (ORDINARY_SOCKET_ERRORS.has(err.code ?? ''))
        this.logger.info('client disconnected', fields);
      else this.logger.error('websocket error', fields);
    });
    ws.on('close', (code) => this.onClientClose(code));
  }

  get isClientOpen(): boolean {
    return !this.clientClosed;
  }

  connectUpstream(): void {
    const { host, port } = this.upstream.options;
    const socket = connect({ host, port });
    this.socket = socket;
    socket.setNoDelay(true);
    for (const chunk of this.pending) this.forward(socket, chunk);
    this.pending = [];
    this.pendingBytes = 0;
    if (!socket.writableNeedDrain) this.ws.resume();
    if (this.shouldEndAfterTerminate) this.endUpstream();
    socket.on('data', (chunk) => this.fromUpstream(chunk));
    socket.on('drain', () => this.ws.resume());
    socket.on('error', (err) => this.onUpstreamError(err));
    socket.on('close', () => this.onUpstreamClose());
    this.logger.info('session connected', { session: this.id, upstream: this.upstream.address });
  }

  /** Closes both sides gracefully; `force` drops them at once. */
  shutdown(force: boolean): void {
    if (force) {
      this.ws.terminate();
      this.socket?.destroy();
      return;
    }
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1001, 'proxy shutting down');
    this.endUpstream();
  }

  private get shouldEndAfterTerminate(): boolean {
    return this.upstream.options.endAfterTerminate === true && this.messages.terminated;
  }

  private fromClient(chunk: Buffer): void {
    const socket = this.socket;
    if (!socket) {
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
      if (this.pendingBytes > HIGH_WATER_BYTES) this.ws.pause();
      return;
    }
    if (socket.writableEnded || socket.destroyed) return;
    if (!this.forward(socket, chunk)) this.ws.pause();
    if (this.shouldEndAfterTerminate) this.endUpstream();
  }

  /**
   * Writes client bytes upstream, reading their message boundaries on the way: statements are
   * counted when they are handed to the server, so a queued session that leaves counts none.
   */
  private forward(socket: Socket, chunk: Buffer): boolean {
    const wasEncrypted = this.messages.encrypted;
    this.upstream.statements += this.messages.push(chunk);
    if (!wasEncrypted && this.messages.encrypted) this.onEncrypted();
    return socket.write(chunk);
  }

  private onEncrypted(): void {
    this.upstream.encryptedSessions += 1;
    this.logger.info('session encrypted: its statements are not counted', { session: this.id });
  }

  private fromUpstream(chunk: Buffer): void {
    const socket = this.socket;
    if (!socket || this.ws.readyState !== WebSocket.OPEN) return;
    if (this.messages.awaitingEncryptionAnswer && chunk.length > 0) {
      this.messages.encryptionAnswered(chunk[0] ?? 0);
      if (this.messages.encrypted) this.onEncrypted();
    }
    this.ws.send(chunk, { binary: true }, () => {
      if (socket.isPaused() && this.ws.bufferedAmount < LOW_WATER_BYTES) socket.resume();
    });
    if (this.ws.bufferedAmount > HIGH_WATER_BYTES) socket.pause();
  }

  private onClientClose(code: number): void {
    this.clientClosed = true;
    if (!NORMAL_CLIENT_CLOSE_CODES.has(code)) {
      this.logger.info('client closed with an unusual code', { session: this.id, code });
    }
    if (this.socket) {
      this.endUpstream();
    } else {
      this.logger.info('queued session left', { session: this.id });
      this.events.onAbandoned(this);
    }
    this.finishIfDone();
  }

  private endUpstream(): void {
    const socket = this.socket;
    if (!socket || socket.destroyed || this.closeTimer) return;
    // Keep reading so the upstream's FIN is seen and 'close' fires.
    socket.resume();
    socket.end();
    this.closeTimer = setTimeout(() => socket.destroy(), UPSTREAM_CLOSE_TIMEOUT_MS);
    this.closeTimer.unref();
  }

  private onUpstreamError(err: NodeJS.ErrnoException): void {
    const fields = { session: this.id, upstream: this.upstream.address, code: err.code };
    if (this.clientClosed || ORDINARY_SOCKET_ERRORS.has(err.code ?? '')) {
      this.logger.info('upstream disconnected', fields);
      return;
    }
    this.failed = true;
    this.logger.error('upstream connection failed', { ...fields, message: err.message });
  }

  private onUpstreamClose(): void {
    clearTimeout(this.closeTimer);
    this.upstreamClosed = true;
    if (!this.clientClosed) {
      // Undo any backpressure pause so the client's close frame can be read.
      this.ws.resume();
      // ws.close queues the close frame behind the data already sent, so nothing is lost.
      if (this.failed) this.ws.close(1011, 'upstream connection failed');
      else this.ws.close(1000);
    }
    this.logger.info('session closed', {
      session: this.id,
      upstream: this.upstream.address,
      durationMs: Date.now() - this.startedAt,
      statements: this.messages.statements,
    });
    this.events.onUpstreamClosed(this);
    this.finishIfDone();
  }

  private finishIfDone(): void {
    if (this.clientClosed && (this.socket === undefined || this.upstreamClosed)) {
      this.events.onFinished(this);
    }
  }
}

const SSL_REQUEST_CODE = 80877103;
const GSSENC_REQUEST_CODE = 80877104;
const STARTUP_HEADER_BYTES = 8;
const MESSAGE_HEADER_BYTES = 5;
const QUERY = 0x51; // 'Q': simple protocol, runs the statement(s) it carries
const EXECUTE = 0x45; // 'E': extended protocol, runs a bound portal
const TERMINATE = 0x58; // 'X'
const ENCRYPTION_ACCEPTED = new Set([0x53, 0x47]); // 'S' (TLS), 'G' (GSSAPI)

/**
 * Follows the message boundaries of a client's Postgres byte stream, one parser per session and
 * one pass over the bytes: startup-phase packets have no type byte (length, then a request
 * code); after them each message is a type byte and a length. It counts the statements the
 * client sends (see UpstreamStats.statements) and spots Terminate ('X').
 *
 * After an SSLRequest or GSSENCRequest the server answers one byte: 'S' or 'G' means the rest of
 * the stream is encrypted and cannot be read (the local stack's clients turn SSL off). Bytes the
 * client sends before that answer arrives are an encrypted handshake sent ahead (pipelined TLS).
 */
export class ClientMessageParser {
  private readonly header = Buffer.alloc(STARTUP_HEADER_BYTES);
  private headerBytes = 0;
  private bodyBytesLeft = 0;
  private beforeStartup = true;
  statements = 0;
  terminated = false;
  encrypted = false;
  awaitingEncryptionAnswer = false;

  /** Reads the next bytes the client sent; returns how many statements they started. */
  push(chunk: Buffer): number {
    const before = this.statements;
    let offset = 0;
    while (!this.terminated && !this.encrypted && offset < chunk.length) {
      if (this.awaitingEncryptionAnswer) {
        this.awaitingEncryptionAnswer = false;
        this.encrypted = true;
        break;
      }
      if (this.bodyBytesLeft > 0) {
        const skipped = Math.min(this.bodyBytesLeft, chunk.length - offset);
        this.bodyBytesLeft -= skipped;
        offset += skipped;
        continue;
      }
      const headerLength = this.beforeStartup ? STARTUP_HEADER_BYTES : MESSAGE_HEADER_BYTES;
      const taken = Math.min(headerLength - this.headerBytes, chunk.length - offset);
      chunk.copy(this.header, this.headerBytes, offset, offset + taken);
      this.headerBytes += taken;
      offset += taken;
      if (this.headerBytes < headerLength) break;
      this.headerBytes = 0;
      if (this.beforeStartup) this.readStartupHeader();
      else this.readMessageHeader();
    }
    return this.statements - before;
  }

  /** The server's one-byte answer to an SSLRequest or GSSENCRequest. */
  encryptionAnswered(answer: number): void {
    this.awaitingEncryptionAnswer = false;
    if (ENCRYPTION_ACCEPTED.has(answer)) this.encrypted = true;
  }

  private readStartupHeader(): void {
    const code = this.header.readInt32BE(4);
    const asksForEncryption = code === SSL_REQUEST_CODE || code === GSSENC_REQUEST_CODE;
    // Refused, the client sends its startup message next, still without a type byte.
    this.beforeStartup = asksForEncryption;
    this.awaitingEncryptionAnswer = asksForEncryption;
    this.bodyBytesLeft = this.header.readInt32BE(0) - STARTUP_HEADER_BYTES;
  }

  private readMessageHeader(): void {
    const type = this.header[0];
    if (type === QUERY || type === EXECUTE) this.statements += 1;
    if (type === TERMINATE) this.terminated = true;
    this.bodyBytesLeft = this.header.readInt32BE(1) - (MESSAGE_HEADER_BYTES - 1);
  }
}

export async function startNeonWsProxy(options: NeonWsProxyOptions): Promise<NeonWsProxy> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? quietLogger;
  const upstreams = new Map<string, Upstream>();
  for (const upstreamOptions of options.upstreams) {
    const key = upstreamKey(upstreamOptions.host, upstreamOptions.port);
    if (upstreams.has(key)) throw new Error(`duplicate upstream ${key}`);
    upstreams.set(key, new Upstream(upstreamOptions));
  }

  const sessions = new Set<Session>();
  const sessionsFinished = new Map<Session, () => void>();
  const releases = new Set<Promise<void>>();
  let nextSessionId = 1;
  let totalRefused = 0;
  let closing = false;
  let refusingUntil = 0;

  const grantSlot = (session: Session): void => {
    const upstream = session.upstream;
    upstream.active += 1;
    upstream.served += 1;
    upstream.peakActive = Math.max(upstream.peakActive, upstream.active);
    session.connectUpstream();
  };

  const admit = (session: Session): void => {
    const upstream = session.upstream;
    if (upstream.hasFreeSlot) {
      grantSlot(session);
      return;
    }
    upstream.queue.push(session);
    upstream.peakQueued = Math.max(upstream.peakQueued, upstream.queue.length);
    logger.info('session queued', { session: session.id, position: upstream.queue.length });
  };

  const releaseSlot = async (upstream: Upstream): Promise<void> => {
    try {
      await upstream.options.afterSession?.();
    } catch (err) {
      logger.error('afterSession hook failed', {
        upstream: upstream.address,
        message: err instanceof Error ? err.message : String(err),
      });
    }
    upstream.active -= 1;
    while (!closing && upstream.hasFreeSlot) {
      const next = upstream.queue.shift();
      if (!next) break;
      if (next.isClientOpen) grantSlot(next);
    }
  };

  const events: SessionEvents = {
    onAbandoned(session) {
      const queue = session.upstream.queue;
      const index = queue.indexOf(session);
      if (index !== -1) queue.splice(index, 1);
    },
    onUpstreamClosed(session) {
      const release = releaseSlot(session.upstream);
      releases.add(release);
      void release.finally(() => releases.delete(release));
    },
    onFinished(session) {
      sessions.delete(session);
      sessionsFinished.get(session)?.();
      sessionsFinished.delete(session);
    },
  };

  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const stats = (): NeonWsProxyStats => {
    const perUpstream = [...upstreams.values()].map((upstream) => upstream.stats());
    return {
      upstreams: perUpstream,
      totalServed: perUpstream.reduce((sum, upstream) => sum + upstream.served, 0),
      totalStatements: perUpstream.reduce((sum, upstream) => sum + upstream.statements, 0),
      totalRefused,
    };
  };

  const interrupt = (ms: number): void => {
    refusingUntil = Date.now() + ms;
    logger.info('interrupting every session', { sessions: sessions.size, refuseMs: ms });
    for (const session of sessions) session.shutdown(true);
  };

  const answerJson = (res: ServerResponse, status: number, value: unknown): void => {
    const body = JSON.stringify(value);
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
    });
    res.end(body);
  };

  // Plain HTTP: GET /stats answers the counters as JSON (for benchmarks), POST /faults/… injects
  // faults when the proxy was started with them; anything else needs the WebSocket upgrade.
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy.invalid');
    if (req.method === 'GET' && url.pathname === '/stats') {
      answerJson(res, 200, stats());
      return;
    }
    if (req.method === 'POST' && options.faults && url.pathname === '/faults/interrupt') {
      const ms = Math.min(Math.max(Number(url.searchParams.get('ms')) || 0, 0), 60_000);
      interrupt(ms);
      answerJson(res, 200, { interrupted: true, refuseMs: ms });
      return;
    }
    if (req.method === 'POST' && options.faults && url.pathname === '/faults/restart') {
      options.faults.restart(proxy).then(
        (how) => answerJson(res, 200, { restarted: how }),
        (err: unknown) =>
          answerJson(res, 500, { error: err instanceof Error ? err.message : String(err) }),
      );
      return;
    }
    res.writeHead(426, { Connection: 'close', 'Content-Type': 'text/plain' });
    res.end('WebSocket upgrade required\n');
  });

  server.on('upgrade', (req, socket, head) => {
    const target = closing
      ? { status: 503, reason: 'proxy is shutting down' }
      : Date.now() < refusingUntil
        ? { status: 503, reason: 'database unreachable (fault injected)' }
        : resolveTarget(req.url ?? '/', upstreams);
    if ('status' in target) {
      totalRefused += 1;
      logger.error('refused websocket upgrade', { url: req.url, reason: target.reason });
      refuseUpgrade(socket, target.status, target.reason);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session = new Session(nextSessionId++, ws, target.upstream, logger, events);
      sessions.add(session);
      admit(session);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const listening = server.address();
  if (listening === null || typeof listening === 'string') throw new Error('proxy is not on TCP');
  const port = listening.port;

  const proxy: NeonWsProxy = {
    host,
    port,
    address: formatHostPort(host, port),
    stats,
    interrupt,
    async close() {
      closing = true;
      const finished = [...sessions].map(
        (session) => new Promise<void>((resolve) => sessionsFinished.set(session, resolve)),
      );
      for (const session of sessions) session.shutdown(false);
      const graceTimer = delay(SHUTDOWN_GRACE_MS);
      if ((await Promise.race([Promise.all(finished), graceTimer])) === 'timeout') {
        for (const session of sessions) session.shutdown(true);
        await Promise.all(finished);
      }
      await Promise.all(releases);
      wss.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return proxy;
}

type Target = { upstream: Upstream } | { status: number; reason: string };

function resolveTarget(url: string, upstreams: Map<string, Upstream>): Target {
  const parsed = new URL(url, 'http://proxy.invalid');
  if (parsed.pathname !== '/v1') return { status: 404, reason: 'unknown path' };
  const address = parsed.searchParams.get('address');
  if (!address) return { status: 400, reason: 'missing address' };
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(address);
  const upstream = match?.[1] && upstreams.get(upstreamKey(match[1], Number(match[2])));
  if (!upstream) return { status: 403, reason: 'address not allowed' };
  return { upstream };
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.on('error', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Connection: close\r\nContent-Type: text/plain\r\n' +
      `Content-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}

function upstreamKey(host: string, port: number): string {
  const normalized = host.toLowerCase();
  return `${LOOPBACK_HOSTS.has(normalized) ? 'loopback' : normalized}:${port}`;
}

function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function delay(ms: number): Promise<'timeout'> {
  return new Promise((resolve) => setTimeout(() => resolve('timeout'), ms).unref());
}
