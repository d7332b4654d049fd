import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../scripts/db/migrate';
import {
  createScratchDatabase,
  type LocalDatabase,
  type ScratchDatabase,
  startLocalDatabase,
} from '../../scripts/local-db/local-database';

/**
 * The tenants themselves, sign-in counters (an unknown account has no company), and the
 * operators' records of dead jobs and incidents (which may concern no company).
 */
const nonTenantTables = ['companies', 'auth_throttles', 'dead_jobs', 'incidents'];
/** Tables whose rows are never edited: they carry created_at only. */
const appendOnlyTables = [
  'audit_logs',
  'idempotency_keys',
  'kitchen_tickets',
  'modifier_price_history',
  'price_history',
  'shift_cash_movements',
  'stock_movements',
  'sync_events',
  'user_store_assignments',
];
/** Lookups that must work before the company is known (login, token refresh). */
const globalUniqueIndexes = [
  'users_email_live_key',
  'users_phone_live_key',
  'refresh_tokens_token_hash_key',
];
/** Whole-platform sweeps by the cleanup cron, across companies. */
const globalMaintenanceIndexes = [
  'refresh_tokens_expires_at_idx',
  'sync_batches_processing_updated_idx',
  'store_settings_pending_idx',
  'report_marks_marked_idx',
  'daily_store_sales_business_date_idx',
  'report_exports_expires_idx',
  'report_exports_queued_idx',
  'transactions_created_brin',
  'sync_batches_started_brin',
  'sync_batches_failed_finished_idx',
];
/** Trigram and array GIN indexes for catalog text search; the company filter uses its own index. */
const searchIndexes = [
  'products_name_trgm_idx',
  'products_sku_trgm_idx',
  'products_barcodes_idx',
  'product_variants_sku_trgm_idx',
];
const moneyColumns = [
  'products.price',
  'products.cost',
  'product_variants.price_override',
  'price_history.new_price',
  'transactions.subtotal',
  'transactions.tax_total',
  'transactions.total',
  'transaction_items.unit_price',
  'transaction_items.line_total',
  'payments.amount',
  'payments.change_amount',
  'shifts.opening_cash',
  'shifts.counted_cash',
  'shifts.expected_cash_at_close',
  'shift_cash_movements.amount',
  'modifier_options.price_delta',
  'store_modifier_prices.price_delta',
  'modifier_price_history.new_delta',
  'transaction_items.unit_cost',
  'daily_store_sales.net',
  'daily_store_sales.voids_amount',
  'transactions.tax_base',
  'transaction_items.order_discount_share',
  'daily_item_sales.cost',
  'daily_payment_sales.amount',
  'daily_sales_breakdowns.net',
  'daily_tax_sales.tax',
  'stores.cash_difference_threshold',
  'stores.cash_movement_limit',
];

describe('migrations on an empty database', () => {
  let database: LocalDatabase;
  let scratch: ScratchDatabase | undefined;

  beforeAll(async () => {
    const serverUrl = process.env.DATABASE_URL;
    scratch = serverUrl
      ? await createScratchDatabase(serverUrl, `kasir_migrations_${Date.now()}`)
      : undefined;
    database = await startLocalDatabase({ databaseUrl: scratch?.databaseUrl });
    await migrateDatabase(database.databaseUrl);
  });

  afterAll(async () => {
    await database?.stop();
    await scratch?.drop();
  });

  /** One connection per query: the embedded Postgres accepts one connection at a time. */
  async function query<Row extends pg.QueryResultRow>(text: string): Promise<Row[]> {
    const client = new pg.Client({ connectionString: database.databaseUrl });
    await client.connect();
    try {
      return (await client.query<Row>(text)).rows;
    } finally {
      await client.end();
    }
  }

  it('creates every table of the design', async () => {
    const tables = (
      await query<{ table_name: string }>(
        `select table_name from information_schema.tables where table_schema = 'public' order by 1`,
      )
    ).map((row) => row.table_name);
    expect(tables).toEqual([
      'audit_logs',
      'auth_throttles',
      'bill_items',
      'bills',
      'categories',
      'companies',
      'daily_item_sales',
      'daily_option_sales',
      'daily_payment_sales',
      'daily_sales_breakdowns',
      'daily_store_sales',
      'daily_tax_sales',
      'dead_jobs',
      'device_sessions',
      'dining_tables',
      'idempotency_keys',
      'incidents',
      'inventory_levels',
      'kitchen_tickets',
      'modifier_groups',
      'modifier_options',
      'modifier_price_history',
      'notifications',
      'payments',
      'price_history',
      'product_modifier_groups',
      'product_variants',
      'products',
      'receipt_templates',
      'refresh_tokens',
      'report_exports',
      'report_marks',
      'sale_counters',
      'shift_cash_movements',
      'shifts',
      'stock_movements',
      'store_modifier_prices',
      'store_prices',
      'store_settings',
      'stores',
      'sync_batches',
      'sync_devices',
      'sync_events',
      'transaction_items',
      'transactions',
      'user_store_assignments',
      'users',
    ]);
  });

  it('is idempotent: running it again applies nothing', async () => {
    const [before] = await query<{ count: number }>(
      'select count(*)::int as count from drizzle.__drizzle_migrations',
    );
    await migrateDatabase(database.databaseUrl);
    const [after] = await query<{ count: number }>(
      'select count(*)::int as count from drizzle.__drizzle_migrations',
    );
    expect(after?.count).toBe(before?.count);
    expect(before?.count).toBeGreaterThan(0);
  });

  it('gives every tenant table a NOT NULL company_id, UUID keys and an index that leads with company_id', async () => {
    const columns = await query<{
      table_name: string;
      column_name: string;
      is_nullable: string;
      data_type: string;
    }>(
      `select table_name, column_name, is_nullable, data_type from information_schema.columns where table_schema = 'public'`,
    );
    const indexes = await query<{ table_name: string; index_name: string; first_column: string }>(`
      select t.relname as table_name, i.relname as index_name, a.attname as first_column
      from pg_index x
      join pg_class t on t.oid = x.indrelid
      join pg_class i on i.oid = x.indexrelid
      join pg_namespace n on n.oid = t.relnamespace
      left join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
      where n.nspname = 'public'`);
    const tables = [...new Set(columns.map((column) => column.table_name))];
    for (const table of tables.filter((name) => !nonTenantTables.includes(name))) {
      const id = columns.find(
        (column) => column.table_name === table && column.column_name === 'id',
      );
      expect(id?.data_type, `${table}.id`).toBe('uuid');
      const companyId = columns.find(
        (column) => column.table_name === table && column.column_name === 'company_id',
      );
      expect(companyId?.is_nullable, `${table}.company_id`).toBe('NO');
      const leading = indexes.filter(
        (index) => index.table_name === table && index.first_column === 'company_id',
      );
      expect(leading.length, `${table} has an index leading with company_id`).toBeGreaterThan(0);
    }
    const notLeading = indexes.filter(
      (index) =>
        index.first_column !== 'company_id' &&
        !index.index_name.endsWith('_pkey') &&
        !nonTenantTables.includes(index.table_name),
    );
    expect(notLeading.map((index) => index.index_name).sort()).toEqual(
      [...globalUniqueIndexes, ...globalMaintenanceIndexes, ...searchIndexes].sort(),
    );
  });

  it('keeps created_at/updated_at on edited tables and created_at only on append-only ledgers', async () => {
    const columns = await query<{ table_name: string; column_name: string; data_type: string }>(
      `select table_name, column_name, data_type from information_schema.columns
       where table_schema = 'public' and column_name in ('created_at', 'updated_at')`,
    );
    const tables = [...new Set(columns.map((column) => column.table_name))];
    expect(tables).toHaveLength(47);
    for (const table of tables) {
      const names = columns
        .filter((column) => column.table_name === table)
        .map((column) => column.column_name)
        .sort();
      expect(names, table).toEqual(
        appendOnlyTables.includes(table) ? ['created_at'] : ['created_at', 'updated_at'],
      );
    }
    expect(columns.every((column) => column.data_type === 'timestamp with time zone')).toBe(true);
  });

  it('stores money as bigint whole rupiah', async () => {
    const columns = await query<{ name: string; data_type: string }>(
      `select table_name || '.' || column_name as name, data_type from information_schema.columns where table_schema = 'public'`,
    );
    for (const money of moneyColumns) {
      expect(columns.find((column) => column.name === money)?.data_type, money).toBe('bigint');
    }
  });

  it('refuses a row that points at another company’s store', async () => {
    const [a] = await query<{ id: string }>(
      `insert into companies (name) values ('A') returning id`,
    );
    const [b] = await query<{ id: string }>(
      `insert into companies (name) values ('B') returning id`,
    );
    const [storeOfA] = await query<{ id: string }>(
      `insert into stores (company_id, code, name) values ('${a?.id}', 'AAA1', 'A store') returning id`,
    );
    await expect(
      query(
        `insert into sync_batches (company_id, store_id) values ('${b?.id}', '${storeOfA?.id}')`,
      ),
    ).rejects.toThrow(/sync_batches_store_fk/);
  });

  it('keeps audit_logs append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const [company] = await query<{ id: string }>(
      `insert into companies (name) values ('Audited') returning id`,
    );
    const [row] = await query<{ id: string }>(
      `insert into audit_logs (company_id, action, entity_type) values ('${company?.id}', 'test.insert', 'company') returning id`,
    );
    await expect(
      query(`update audit_logs set action = 'x' where id = '${row?.id}'`),
    ).rejects.toThrow(/append-only/);
    await expect(query(`delete from audit_logs where id = '${row?.id}'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(query('truncate audit_logs')).rejects.toThrow(/append-only/);
    const [still] = await query<{ action: string }>(
      `select action from audit_logs where id = '${row?.id}'`,
    );
    expect(still?.action).toBe('test.insert');
  });
});
