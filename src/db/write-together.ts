import { type Column, getTableColumns, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client';

/** An INSERT (or upsert) ending in `.returning()`, with the table whose rows it returns. */
export interface ReturningWrite<T extends PgTable = PgTable> {
  table: T;
  query: SQLWrapper;
}

type RowsOf<W extends Record<string, ReturningWrite>> = {
  [K in keyof W]: W[K]['table']['$inferSelect'][];
};

/**
 * Runs writes that do not depend on each other's rows as one statement, one round trip: each
 * becomes a data-modifying WITH, and the statement answers every `returning` write's rows as
 * JSON, decoded back into the rows drizzle would have returned (timestamps as Dates, bigints as
 * numbers). `plain` writes return nothing.
 *
 * One statement is all-or-nothing, and the checks of foreign keys run at its end, so an item may
 * reference a sale inserted beside it. The writes see the same snapshot: none sees another's
 * rows, so none may read what another writes.
 *
 * Mind the size: Postgres takes at most 65,535 parameters in a statement, and drizzle builds one
 * statement's parameters in a single array (tens of thousands overflow the stack). Callers that
 * write many rows write them in groups (see write-sales.ts).
 */
export async function writeTogether<const W extends Record<string, ReturningWrite>>(
  executor: Executor,
  returning: W,
  plain: readonly SQLWrapper[] = [],
): Promise<RowsOf<W>> {
  const named = Object.entries(returning);
  const alias = (index: number) => sql.identifier(`write_${index}`);
  const writes: SQL[] = [
    // getSQL(): a query builder put in sql`` as it is would come wrapped in a second pair of
    // parentheses, which Postgres refuses around a data-modifying statement.
    ...named.map(([, write], index) => sql`${alias(index)} as (${write.query.getSQL()})`),
    ...plain.map((query, index) => sql`${alias(named.length + index)} as (${query.getSQL()})`),
  ];
  const answers = named.map(
    ([name], index) =>
      sql`(select coalesce(json_agg(${alias(index)}), '[]'::json) from ${alias(index)}) as ${sql.identifier(name)}`,
  );
  const result = await executor.execute(
    sql`with ${sql.join(writes, sql`, `)} select ${answers.length > 0 ? sql.join(answers, sql`, `) : sql`1`}`,
  );
  const [row] = result.rows as Array<Record<string, Array<Record<string, unknown>>>>;
  const rows: Record<string, unknown[]> = {};
  for (const [name, write] of named) {
    const columns = Object.entries(getTableColumns(write.table));
    rows[name] = (row?.[name] ?? []).map((json) => decodeRow(columns, json));
  }
  return rows as RowsOf<W>;
}

/** A row as `row_to_json` wrote it (database column names) → the row as drizzle returns it. */
function decodeRow(
  columns: ReadonlyArray<[string, Column]>,
  json: Record<string, unknown>,
): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, column] of columns) {
    const value = json[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row;
}
