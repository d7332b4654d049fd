import {
  databaseErrorOf,
  foreignKeyViolation,
  isDatabaseContention,
  isDatabaseUnavailable,
} from './error-description';
import type { Language, LocalizedText } from './i18n';
import type { Logger } from './logger';
import { type Message, type MessageKey, translate } from './messages';

/** Every error code the API can answer with, its HTTP status and its title. */
export const errorCodes = {
  VALIDATION_FAILED: {
    status: 400,
    title: { id: 'Data tidak valid', en: 'Invalid request data' },
  },
  INVALID_CURSOR: {
    status: 400,
    title: { id: 'Kursor halaman tidak valid', en: 'Invalid page cursor' },
  },
  MALFORMED_JSON: {
    status: 400,
    title: { id: 'JSON tidak valid', en: 'Malformed JSON' },
  },
  UNAUTHENTICATED: {
    status: 401,
    title: {
      id: 'Sesi telah berakhir, silakan masuk kembali',
      en: 'Your session has ended, please sign in again',
    },
  },
  INVALID_CREDENTIALS: {
    status: 401,
    title: { id: 'Gagal masuk', en: 'Sign-in failed' },
  },
  FORBIDDEN: {
    status: 403,
    title: { id: 'Akses ditolak', en: 'Access denied' },
  },
  COMPANY_SUSPENDED: {
    status: 403,
    title: { id: 'Akun usaha ditangguhkan', en: 'Company suspended' },
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    title: { id: 'Kata sandi harus diganti', en: 'Password change required' },
  },
  NOT_FOUND: {
    status: 404,
    title: { id: 'Data tidak ditemukan', en: 'Not found' },
  },
  ROUTE_NOT_FOUND: {
    status: 404,
    title: { id: 'Alamat tidak ditemukan', en: 'Route not found' },
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    title: { id: 'Metode tidak diizinkan', en: 'Method not allowed' },
  },
  CONFLICT: {
    status: 409,
    title: { id: 'Data bentrok dengan versi terbaru', en: 'Conflict with the current state' },
  },
  GONE: {
    status: 410,
    title: { id: 'Data sudah tidak tersedia', en: 'No longer available' },
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    title: { id: 'Isi permintaan terlalu besar', en: 'Payload too large' },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: { id: 'Jenis konten tidak didukung', en: 'Unsupported media type' },
  },
  UNPROCESSABLE: {
    status: 422,
    title: { id: 'Permintaan tidak dapat diproses', en: 'Request cannot be processed' },
  },
  RATE_LIMITED: {
    status: 429,
    title: { id: 'Terlalu banyak percobaan', en: 'Too many requests' },
  },
  INTERNAL_ERROR: {
    status: 500,
    title: { id: 'Kesalahan server', en: 'Internal server error' },
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    title: { id: 'Layanan sedang tidak tersedia', en: 'Service unavailable' },
  },
} as const satisfies Record<string, { status: number; title: LocalizedText }>;

export type ErrorCode = keyof typeof errorCodes;

/** One invalid field: where it is (a path into the input), what rule it broke, and why. */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/**
 * A field error as a service raises it: its message a catalog entry, worded in the request's
 * language when the problem is rendered (services do not know the language).
 */
export interface FieldProblem {
  path: string;
  code: string;
  message: Message;
}

export interface ApiErrorOptions {
  detail?: Message;
  errors?: Array<FieldError | FieldProblem>;
  /** Extra members of the problem body (RFC 9457 extensions), e.g. `current` on a 409. */
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
  cause?: unknown;
}

/** The one error class of the API: thrown anywhere, rendered by the error handler as problem+json. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail: Message | undefined;
  readonly errors: Array<FieldError | FieldProblem> | undefined;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, options: ApiErrorOptions = {}) {
    super(code, { cause: options.cause });
    this.name = 'ApiError';
    this.code = code;
    this.status = errorCodes[code].status;
    this.detail = options.detail;
    this.errors = options.errors;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}

/**
 * The one mapping of a database refusal that no service turned into its own answer (the loser
 * of a race at a unique index, a value validation let through), by SQLSTATE:
 *   - the database cannot serve (class 53, 08, 57P01–3) → 503, Retry-After 5;
 *   - contention (serialization failure, deadlock, lock or statement timeout; transactions are
 *     retried first) → 503, Retry-After 1;
 *   - unique violation → 409; a foreign key naming a missing row → 404, removing a row still
 *     named → 422; any other integrity rule (check, not-null, exclusion) → 422;
 *   - a value Postgres cannot hold (class 22: out of range, bad format) → 400.
 * Anything else is not the client's doing: undefined, answered 500.
 */
function answerForDatabase(error: unknown): ApiError | undefined {
  const refused = (code: ErrorCode, key: MessageKey, headers?: Record<string, string>) =>
    new ApiError(code, { detail: { key }, cause: error, ...(headers && { headers }) });
  if (isDatabaseUnavailable(error)) {
    return refused('SERVICE_UNAVAILABLE', 'server.databaseUnavailable', { 'Retry-After': '5' });
  }
  const sqlState = databaseErrorOf(error)?.sqlState;
  if (!sqlState) return undefined;
  if (isDatabaseContention(error)) {
    return refused('SERVICE_UNAVAILABLE', 'server.busy', { 'Retry-After': '1' });
  }
  if (sqlState === '23505') return refused('CONFLICT', 'database.duplicate');
  const foreignKey = foreignKeyViolation(error);
  if (foreignKey === 'missing') return refused('NOT_FOUND', 'database.referenceMissing');
  if (foreignKey === 'referenced') return refused('UNPROCESSABLE', 'database.stillReferenced');
  if (sqlState.startsWith('23')) return refused('UNPROCESSABLE', 'database.refused');
  if (sqlState.startsWith('22')) return refused('VALIDATION_FAILED', 'database.invalidValue');
  return undefined;
}

/**
 * The answer to an error that is not an ApiError (logged by the caller, SQLSTATE included): a
 * database refusal mapped once (answerForDatabase), which tills retry by themselves when it is a
 * 503; anything else a 500 that shows no internals.
 */
export function answerForUnexpected(error: unknown, requestId: string): ApiError {
  return (
    answerForDatabase(error) ??
    new ApiError('INTERNAL_ERROR', {
      detail: { key: 'server.internalError', params: { requestId } },
      cause: error,
    })
  );
}

/**
 * answerForUnexpected, logged with the error's SQLSTATE, constraint and table (logger.ts): a 5xx
 * at error level, someone must look; a request the database refused (a lost race, a value the
 * validation let through) at warn.
 */
export function answerLoggingUnexpected(
  error: unknown,
  requestId: string,
  logger: Pick<Logger, 'error' | 'warn'> | undefined,
): ApiError {
  const answer = answerForUnexpected(error, requestId);
  if (answer.status >= 500) logger?.error('unhandled error', { error });
  else logger?.warn('database refused the request', { error, answer: answer.code });
  return answer;
}

/** RFC 9457 problem details, plus our `code`, `requestId` and field `errors`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: ErrorCode;
  requestId: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const problemContentType = 'application/problem+json; charset=utf-8';

export function problemType(code: ErrorCode): string {
  return `/problems/${code.toLowerCase().replaceAll('_', '-')}`;
}

export function toProblem(error: ApiError, language: Language, requestId: string): ProblemDetails {
  const problem: ProblemDetails = {
    ...error.extensions,
    type: problemType(error.code),
    title: errorCodes[error.code].title[language],
    status: error.status,
    code: error.code,
    requestId,
  };
  if (error.detail) problem.detail = translate(error.detail, language);
  if (error.errors) {
    problem.errors = error.errors.map((field) =>
      typeof field.message === 'string'
        ? (field as FieldError)
        : { ...field, message: translate(field.message, language) },
    );
  }
  return problem;
}
