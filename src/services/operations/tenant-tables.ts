import { type SQL, sql } from 'drizzle-orm';

/**
 * Which tables hold a company's data, and in which order they can be written back, read from the
 * database's own catalog rather than from a list kept by hand: a table added tomorrow is backed up
 * and restored the day its migration lands.
 *
 * A company's data is the `companies` row and every row of every table with a NOT NULL
 * `company_id` (test/node/migrations.test.ts holds every tenant table to that, and keeps rows
 * that belong to no company out of them: sign-in throttles, dead jobs, incidents have no
 * company_id or a nullable one, and are the platform's). Every foreign key between tenant tables
 * includes company_id (db/schema/columns.ts `sameCompanyReference`), so a company's rows only
 * ever point at rows of the same company, all of them in the backup.
 *
 * The order: parents before children (topological, by foreign keys), `companies` first, ties by
 * name so the order is the same on every database of the same schema. A table that points at
 * itself (a category's parent, a refund's sale) keeps its rows in an order of their own (see
 * `selfReference`).
 */

export interface SqlRunner {
  execute(query: SQL): PromiseLike<{ rows: unknown[] }>;
}

export async function rowsOf<Row>(db: SqlRunner, query: SQL): Promise<Row[]> {
  return (await db.execute(query)).rows as Row[];
}

export interface TenantTable {
  name: string;
  /** Columns in table order. */
  columns: string[];
  /** The primary key's columns: rows are written in this order. */
  primaryKey: string[];
  /** Tenant tables this one has a foreign key to (not itself). */
  parents: string[];
  /**
   * A foreign key of the table to itself: `column` points at `references` of another row of the
   * same company. Its rows are written parents first (by depth from the rows that point nowhere).
   */
  selfReference: { column: string; references: string } | null;
}

interface CatalogColumn {
  table: string;
  column: string;
  not_null: boolean;
  primary_key_position: number | null;
}

interface CatalogForeignKey {
  child: string;
  parent: string;
  columns: string[];
  parent_columns: string[];
}

/** The tenant tables of the database `db` is connected to, in the order to write them. */
export async function tenantTables(db: SqlRunner): Promise<TenantTable[]> {
  const columns = await rowsOf<CatalogColumn>(
    db,
    sql`select c.relname as "table", a.attname as "column", a.attnotnull as not_null,
        array_position(i.indkey::int2[], a.attnum) as primary_key_position
      from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        left join pg_index i on i.indrelid = c.oid and i.indisprimary
      where n.nspname = 'public' and c.relkind in ('r', 'p')
      order by c.relname, a.attnum`,
  );
  const foreignKeys = await rowsOf<CatalogForeignKey>(
    db,
    sql`select child.relname as child, parent.relname as parent,
        array(select a.attname from unnest(k.conkey) with ordinality as u(attnum, position)
          join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum
          order by u.position)::text[] as columns,
        array(select a.attname from unnest(k.confkey) with ordinality as u(attnum, position)
          join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum
          order by u.position)::text[] as parent_columns
      from pg_constraint k
        join pg_class child on child.oid = k.conrelid
        join pg_class parent on parent.oid = k.confrelid
        join pg_namespace n on n.oid = child.relnamespace
      where k.contype = 'f' and n.nspname = 'public'
      order by child.relname, k.conname`,
  );

  const byTable = new Map<string, CatalogColumn[]>();
  for (const column of columns) {
    byTable.set(column.table, [...(byTable.get(column.table) ?? []), column]);
  }
  const names = [...byTable]
    .filter(
      ([name, list]) =>
        name === 'companies' ||
        list.some((column) => column.column === 'company_id' && column.not_null),
    )
    .map(([name]) => name);
  const tenant = new Set(names);

  const tables = new Map<string, TenantTable>();
  for (const name of names) {
    const list = byTable.get(name) ?? [];
    const primaryKey = list
      .filter((column) => column.primary_key_position !== null)
      .sort((a, b) => (a.primary_key_position ?? 0) - (b.primary_key_position ?? 0))
      .map((column) => column.column);
    if (primaryKey.length === 0) throw new Error(`tenant table ${name} has no primary key`);
    tables.set(name, {
      name,
      columns: list.map((column) => column.column),
      primaryKey,
      parents: [],
      selfReference: null,
    });
  }

  for (const key of foreignKeys) {
    const table = tables.get(key.child);
    if (!table) continue;
    if (!tenant.has(key.parent)) {
      throw new Error(
        `tenant table ${key.child} references ${key.parent}, which holds no company's rows: ` +
          'its backup could not be restored',
      );
    }
    if (key.parent !== key.child) {
      if (!table.parents.includes(key.parent)) table.parents.push(key.parent);
      continue;
    }
    const pairs = key.columns
      .map((column, index) => ({ column, references: key.parent_columns[index] ?? '' }))
      .filter((pair) => pair.column !== 'company_id');
    const [pair] = pairs;
    if (!pair || pairs.length !== 1 || table.selfReference) {
      throw new Error(`tenant table ${key.child} has a self-reference backups cannot order`);
    }
    table.selfReference = pair;
  }

  return dependencyOrder(tables);
}

/** Kahn's algorithm, `companies` first, ties by name; a cycle between tables throws. */
function dependencyOrder(tables: Map<string, TenantTable>): TenantTable[] {
  const ordered: TenantTable[] = [];
  const placed = new Set<string>();
  const waiting = [...tables.values()].sort((a, b) =>
    a.name === 'companies' ? -1 : b.name === 'companies' ? 1 : a.name.localeCompare(b.name),
  );
  while (waiting.length > 0) {
    const index = waiting.findIndex((table) => table.parents.every((name) => placed.has(name)));
    if (index < 0) {
      throw new Error(
        `foreign keys form a cycle between ${waiting.map((table) => table.name).join(', ')}`,
      );
    }
    const [next] = waiting.splice(index, 1);
    if (!next) break;
    ordered.push(next);
    placed.add(next.name);
  }
  return ordered;
}

/** A SQL identifier, quoted (catalog names only; never user input). */
export const identifier = (name: string) => sql.raw(`"${name.replaceAll('"', '""')}"`);
