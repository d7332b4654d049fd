import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import { type DiningTable, diningTables } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { conflictsOnUnique } from '../../db/unique-violation';
import { ApiError } from '../../lib/errors';
import { assertCurrentVersion } from '../../lib/versioning';
import { type AuditAuthor, recordAudit } from '../audit';

/** The tables of a store ("Meja 4" in the "Teras"), where bills are opened. */

export interface TableView {
  id: string;
  storeId: string;
  name: string;
  area: string | null;
  capacity: number | null;
  sortOrder: number;
  isActive: boolean;
  /** The bill open on the table, if any. */
  openBillId: string | null;
  version: number;
  updatedAt: string;
}

export interface TableInput {
  name: string;
  area?: string | null;
  capacity?: number | null;
  sortOrder?: number;
  isActive?: boolean;
}

export const tableNotFound = () =>
  new ApiError('NOT_FOUND', { detail: { key: 'tables.notFound' } });

const nameTaken = (name: string) => () =>
  new ApiError('CONFLICT', { detail: { key: 'tables.nameTaken', params: { name } } });

// Spelled out: drizzle leaves columns unqualified in a one-table select, and inside the
// subquery an unqualified company_id or id would be the bill's own.
const openBillOf = sql<string | null>`(select b.id from bills b
  where b.company_id = dining_tables.company_id and b.table_id = dining_tables.id
    and b.status = 'open')`;

function viewOf(table: DiningTable, openBillId: string | null): TableView {
  return {
    id: table.id,
    storeId: table.storeId,
    name: table.name,
    area: table.area,
    capacity: table.capacity,
    sortOrder: table.sortOrder,
    isActive: table.isActive,
    openBillId,
    version: table.version,
    updatedAt: table.updatedAt.toISOString(),
  };
}

/** The live tables of a store in their order, each with the bill open on it. */
export async function listTables(
  db: Executor,
  companyId: string,
  storeId: string,
): Promise<TableView[]> {
  const rows = await db
    .select({ table: diningTables, openBillId: openBillOf })
    .from(diningTables)
    .where(inCompany(diningTables, companyId, eq(diningTables.storeId, storeId), liveTable()))
    .orderBy(asc(diningTables.sortOrder), asc(diningTables.name));
  return rows.map((row) => viewOf(row.table, row.openBillId));
}

const liveTable = () => isNull(diningTables.deletedAt);

/** A live table of the company (any store), for the store rule before a change. */
export async function findTable(
  db: Executor,
  companyId: string,
  tableId: string,
): Promise<TableView | undefined> {
  const [row] = await db
    .select({ table: diningTables, openBillId: openBillOf })
    .from(diningTables)
    .where(inCompany(diningTables, companyId, eq(diningTables.id, tableId), liveTable()));
  return row && viewOf(row.table, row.openBillId);
}

export async function createTable(
  db: Db,
  author: AuditAuthor & { companyId: string },
  storeId: string,
  input: TableInput,
): Promise<TableView> {
  return conflictsOnUnique(
    () =>
      db.transaction(async (tx) => {
        const [table] = await tx
          .insert(diningTables)
          .values({ companyId: author.companyId, storeId, ...input })
          .returning();
        if (!table) throw new Error('a table insert returned no row');
        await recordAudit(tx, author, {
          action: 'table.create',
          entityType: 'table',
          entityId: table.id,
          after: { storeId, ...input },
        });
        return viewOf(table, null);
      }),
    { dining_tables_store_name_live_key: nameTaken(input.name) },
  );
}

/** Changes a table at the version the client edited (409 with the current table otherwise). */
export async function updateTable(
  db: Db,
  author: AuditAuthor & { companyId: string },
  tableId: string,
  expected: number,
  changes: Partial<TableInput>,
): Promise<TableView> {
  return conflictsOnUnique(
    () =>
      db.transaction(async (tx) => {
        const current = await lockTable(tx, author.companyId, tableId);
        assertCurrentVersion(current.table, expected, () =>
          viewOf(current.table, current.openBillId),
        );
        const [table] = await tx
          .update(diningTables)
          .set({ ...changes, version: sql`${diningTables.version} + 1` })
          .where(inCompany(diningTables, author.companyId, eq(diningTables.id, tableId)))
          .returning();
        if (!table) throw tableNotFound();
        await recordAudit(tx, author, {
          action: 'table.update',
          entityType: 'table',
          entityId: tableId,
          before: pick(current.table, changes),
          after: changes,
        });
        return viewOf(table, current.openBillId);
      }),
    { dining_tables_store_name_live_key: nameTaken(changes.name ?? '') },
  );
}

/** Deletes a table with no open bill (409 while one is open on it); past bills keep its name. */
export async function deleteTable(
  db: Db,
  author: AuditAuthor & { companyId: string },
  tableId: string,
  expected: number | undefined,
): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await lockTable(tx, author.companyId, tableId);
    if (expected !== undefined) {
      assertCurrentVersion(current.table, expected, () =>
        viewOf(current.table, current.openBillId),
      );
    }
    if (current.openBillId) {
      throw new ApiError('CONFLICT', {
        detail: { key: 'tables.hasOpenBill' },
        extensions: { openBillId: current.openBillId },
      });
    }
    await tx
      .update(diningTables)
      .set({ deletedAt: new Date(), isActive: false, version: sql`${diningTables.version} + 1` })
      .where(and(inCompany(diningTables, author.companyId, eq(diningTables.id, tableId))));
    await recordAudit(tx, author, {
      action: 'table.delete',
      entityType: 'table',
      entityId: tableId,
      before: { name: current.table.name, storeId: current.table.storeId },
    });
  });
}

async function lockTable(tx: Executor, companyId: string, tableId: string) {
  const [row] = await tx
    .select({ table: diningTables, openBillId: openBillOf })
    .from(diningTables)
    .where(inCompany(diningTables, companyId, eq(diningTables.id, tableId), liveTable()))
    .for('update', { of: diningTables });
  if (!row) throw tableNotFound();
  return row;
}

function pick(table: DiningTable, changes: Partial<TableInput>) {
  return Object.fromEntries(
    Object.keys(changes).map((key) => [key, table[key as keyof TableInput]]),
  );
}
