import { type SQL, sql } from 'drizzle-orm';

/** A timestamptz as the API writes instants (`Date.toISOString()`: UTC, milliseconds, `Z`). */
export const isoTimestamp = (expression: SQL) => sql<string>`to_char(${expression} at time zone
  'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
