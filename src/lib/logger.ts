import { redact } from './redact';

export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds these fields to every line (request id, store, …). */
  with(fields: LogFields): Logger;
}

export function parseLogLevel(value: string | undefined): LogLevel {
  return logLevels.find((level) => level === value) ?? 'info';
}

/**
 * Structured logs: one JSON object per line, redacted before it is written, so Workers Logs
 * and `wrangler tail` can filter on fields. Errors go to console.error, the rest to console.log.
 */
export function createLogger(options: { level?: LogLevel; fields?: LogFields } = {}): Logger {
  const minimum = logLevels.indexOf(options.level ?? 'info');
  const baseFields = options.fields ?? {};

  const write = (level: LogLevel, message: string, fields: LogFields = {}) => {
    if (logLevels.indexOf(level) < minimum) return;
    const line = JSON.stringify(
      redact({ level, time: new Date().toISOString(), message, ...baseFields, ...fields }),
    );
    if (level === 'error') console.error(line);
    else console.log(line);
  };

  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    with: (fields) => createLogger({ level: options.level, fields: { ...baseFields, ...fields } }),
  };
}
