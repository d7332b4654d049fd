import { and, eq, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * The WHERE clause of every query on tenant data: the company comes first and cannot be left
 * out, other conditions follow. Another company's id therefore simply finds nothing (404).
 */
export function inCompany(
  table: { companyId: PgColumn },
  companyId: string,
  ...conditions: Array<SQL | undefined>
): SQL {
  return and(eq(table.companyId, companyId), ...conditions) as SQL;
}
