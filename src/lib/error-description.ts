/**
 * What a log line may say about an error. A failed query must never reach the logs with its
 * bound values: drizzle's message lists them all ("Failed query: … params: …"), and that can be
 * a password or PIN hash, a refresh token hash, an e-mail. Postgres's own message and detail
 * quote values too ('invalid input syntax for type uuid: "…"', 'Key (email)=(…) already
 * exists'). So an error that came from the database is described by its SQLSTATE, constraint,
 * table, column and routine, the statement without its values, and the stack without its
 * message; any other error keeps its message, scrubbed by the caller.
 */
export interface DatabaseErrorFields {
  sqlState: string;
  severity?: string;
  table?: string;
  column?: string;
  constraint?: string;
  dataType?: string;
  routine?: string;
}

const maxQueryLength = 300;
const sqlStatePattern = /^[0-9A-Z]{5}$/;

type ErrorLike = Record<string, unknown> & { cause?: unknown };

function* causeChain(error: unknown): Generator<ErrorLike> {
  const seen = new Set<unknown>();
  for (let cause = error; cause && typeof cause === 'object' && !seen.has(cause); ) {
    seen.add(cause);
    yield cause as ErrorLike;
    cause = (cause as ErrorLike).cause;
  }
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** The Postgres error anywhere in an error's cause chain (drizzle wraps the driver's). */
export function databaseErrorOf(error: unknown): DatabaseErrorFields | undefined {
  for (const cause of causeChain(error)) {
    const code = cause.code;
    if (typeof code !== 'string' || !sqlStatePattern.test(code)) continue;
    const fields: DatabaseErrorFields = { sqlState: code };
    for (const name of [
      'severity',
      'table',
      'column',
      'constraint',
      'dataType',
      'routine',
    ] as const) {
      const value = text(cause[name]);
      if (value) fields[name] = value;
    }
    return fields;
  }
  return undefined;
}

/**
 * Whether the database refused to serve at all, rather than refusing the request: too many
 * connections or other exhausted resources (class 53), a server starting or shutting down
 * (57P01–57P03), a connection that failed (class 08) or was lost without a word from the server.
 * The client should try again shortly.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const sqlState = databaseErrorOf(error)?.sqlState;
  if (sqlState) return /^(53|08)/.test(sqlState) || /^57P0[123]$/.test(sqlState);
  return isConnectionLost(error);
}

/**
 * The driver's own words for a connection that went away before the server could answer (no
 * SQLSTATE: the socket closed, the proxy or the network dropped it, or it never answered within
 * the pool's timeouts: see db/client.ts). Read only on errors that are not drizzle's query
 * wrapper, whose message quotes the query's values.
 */
const connectionLostPattern =
  /connection terminated|not queryable|network connection lost|websocket|socket hang up|ECONNRESET|ECONNREFUSED|EPIPE|timeout exceeded when trying to connect|query read timeout/i;

function isConnectionLost(error: unknown): boolean {
  for (const cause of causeChain(error)) {
    if ('params' in cause) continue;
    if (typeof cause.message === 'string' && connectionLostPattern.test(cause.message)) return true;
  }
  return false;
}

/**
 * Which side of a foreign key a violation (23503) is on: a row that names a missing row, or a
 * row removed while others still name it. Postgres gives both the same SQLSTATE; only its
 * message tells them apart ("insert or update on table …" / "update or delete on table …").
 */
export function foreignKeyViolation(error: unknown): 'missing' | 'referenced' | undefined {
  for (const cause of causeChain(error)) {
    if (cause.code !== '23503') continue;
    return typeof cause.message === 'string' && cause.message.startsWith('update or delete')
      ? 'referenced'
      : 'missing';
  }
  return undefined;
}

/**
 * Whether the database gave up on the statement for the sake of others, and the same statement
 * may well succeed a moment later: a serialization failure, a deadlock, a lock or statement
 * timeout. Transactions are retried on the first two (src/db/client.ts) before this is answered.
 */
export function isDatabaseContention(error: unknown): boolean {
  const sqlState = databaseErrorOf(error)?.sqlState ?? '';
  return ['40001', '40P01', '55P03', '57014'].includes(sqlState);
}

/** The SQL of a failed drizzle query, placeholders only, when the error is one. */
function failedStatementOf(error: unknown): string | undefined {
  for (const cause of causeChain(error)) {
    if ('params' in cause && typeof cause.query === 'string') {
      return cause.query.length > maxQueryLength
        ? `${cause.query.slice(0, maxQueryLength)}…`
        : cause.query;
    }
  }
  return undefined;
}

/** The "at …" lines of a stack, without the message line(s) above them. */
function stackFrames(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  const firstFrame = stack.search(/^\s+at /m);
  return firstFrame === -1 ? undefined : stack.slice(firstFrame);
}

export interface ErrorDescription {
  name: string;
  message: string;
  stack?: string;
  database?: DatabaseErrorFields;
  statement?: string;
}

/**
 * A loggable description. `scrub` cleans free text of any other error (the logger passes its
 * redaction); a database error's text is not kept at all.
 */
export function describeError(error: Error, scrub: (text: string) => string): ErrorDescription {
  const database = databaseErrorOf(error);
  const statement = failedStatementOf(error);
  if (!database && !statement) {
    return {
      name: error.name,
      message: scrub(error.message),
      ...(error.stack && { stack: scrub(error.stack) }),
    };
  }
  const stack = stackFrames(error.stack);
  return {
    name: error.name,
    message: database ? `database error ${database.sqlState}` : 'database query failed',
    ...(database && { database }),
    ...(statement && { statement }),
    ...(stack && { stack }),
  };
}

/**
 * A failure as an operator or owner reads it (a failed export, a dead job): the database's own
 * words for a failed query (never the query text, which the log keeps), else the error's
 * message, scrubbed of credentials and personal data.
 */
export function failureMessage(error: unknown, scrub: (text: string) => string): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  return scrub(cause?.message ?? (error instanceof Error ? error.message : String(error)));
}
