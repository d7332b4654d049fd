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

/**
 * "The row of `table` with this id in this company": the ON clause of every join to a tenant
 * table (both ids from the joined row), so a join can never cross into another company.
 */
export function sameCompanyRow(
  table: { companyId: PgColumn; id: PgColumn },
  companyId: PgColumn | string,
  id: PgColumn | string,
): SQL {
  return and(eq(table.companyId, companyId), eq(table.id, id)) as SQL;
}
