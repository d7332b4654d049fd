/**
 * The invariants of `npm run bench:day`, read straight from the database and scoped to the bench
 * company: every accepted sale is there once, numbers are gap-free per store and business date
 * and match their counters, stock is opening minus what was sold, and each sale has exactly one
 * audit row of its kind.
 */
import type pg from 'pg';
import { saleNumber } from '../../src/lib/business-date';

export interface SentSale {
  storeId: string;
  channel: 'online' | 'offline';
  items: Array<{ variantId: string; quantity: number }>;
}

export interface CheckInput {
  companyId: string;
  storeCodes: ReadonlyMap<string, string>;
  /** Every sale the server accepted, by id. */
  accepted: ReadonlyMap<string, SentSale>;
  /** The variants given opening stock in every store, and how much each got. */
  stockedVariants: readonly string[];
  openingStock: number;
}

export interface CheckResult {
  name: string;
  pass: boolean;
  detail: string;
}

const AUDIT_ACTION = { online: 'transaction.create', offline: 'transaction.sync' } as const;
const SHOWN = 3;

export async function checkInvariants(pool: pg.Pool, input: CheckInput): Promise<CheckResult[]> {
  return [
    await checkSaleCount(pool, input),
    await checkNumbering(pool, input),
    await checkStock(pool, input),
    await checkAudit(pool, input),
  ];
}

async function checkSaleCount(pool: pg.Pool, input: CheckInput): Promise<CheckResult> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id FROM transactions WHERE company_id = $1 AND kind = 'sale'`,
    [input.companyId],
  );
  const stored = new Set(rows.map((row) => row.id));
  const missing = [...input.accepted.keys()].filter((id) => !stored.has(id));
  const unexpected = [...stored].filter((id) => !input.accepted.has(id));
  return {
    name: 'sales stored = sales sent and accepted',
    pass: missing.length === 0 && unexpected.length === 0,
    detail:
      `${stored.size} stored, ${input.accepted.size} accepted` +
      (missing.length > 0 ? `; missing ${missing.slice(0, SHOWN).join(', ')}` : '') +
      (unexpected.length > 0 ? `; not sent ${unexpected.slice(0, SHOWN).join(', ')}` : ''),
  };
}

async function checkNumbering(pool: pg.Pool, input: CheckInput): Promise<CheckResult> {
  const { rows } = await pool.query<{ store_id: string; business_date: string; numbers: string[] }>(
    `SELECT store_id, business_date::text, array_agg(number) AS numbers
       FROM transactions WHERE company_id = $1 AND kind = 'sale'
      GROUP BY store_id, business_date`,
    [input.companyId],
  );
  const counters = await pool.query<{
    store_id: string;
    business_date: string;
    last_number: number;
  }>(`SELECT store_id, business_date::text, last_number FROM sale_counters WHERE company_id = $1`, [
    input.companyId,
  ]);
  const lastNumber = new Map(
    counters.rows.map((row) => [`${row.store_id}/${row.business_date}`, row.last_number]),
  );
  const problems: string[] = [];
  for (const row of rows) {
    const code = input.storeCodes.get(row.store_id) ?? '?';
    const expected = row.numbers.map((_, index) => saleNumber(code, row.business_date, index + 1));
    // By sequence, not as text: past 9999 the sequence grows a digit.
    const sorted = [...row.numbers].sort(
      (a, b) => Number(a.split('-').at(-1)) - Number(b.split('-').at(-1)),
    );
    if (sorted.some((number, index) => number !== expected[index])) {
      problems.push(`${code} ${row.business_date}: not 1..${row.numbers.length}`);
    }
    const key = `${row.store_id}/${row.business_date}`;
    const counter = lastNumber.get(key);
    if (counter !== row.numbers.length) {
      problems.push(
        `${code} ${row.business_date}: counter ${counter ?? 'missing'}, ${row.numbers.length} sales`,
      );
    }
    lastNumber.delete(key);
  }
  for (const [key, counter] of lastNumber) {
    problems.push(`counter ${key} at ${counter} without sales`);
  }
  return {
    name: 'numbers gap-free 1..N per store and date, counter = N',
    pass: problems.length === 0,
    detail:
      problems.length === 0
        ? `${rows.length} store-dates, ${counters.rows.length} counters`
        : `${problems.length} problem(s): ${problems.slice(0, SHOWN).join('; ')}`,
  };
}

async function checkStock(pool: pg.Pool, input: CheckInput): Promise<CheckResult> {
  const expected = new Map<string, number>();
  for (const storeId of input.storeCodes.keys()) {
    for (const variantId of input.stockedVariants) {
      expected.set(`${storeId}/${variantId}`, input.openingStock);
    }
  }
  for (const sale of input.accepted.values()) {
    for (const item of sale.items) {
      const key = `${sale.storeId}/${item.variantId}`;
      expected.set(key, (expected.get(key) ?? 0) - item.quantity);
    }
  }
  const { rows } = await pool.query<{ store_id: string; variant_id: string; quantity: number }>(
    `SELECT store_id, variant_id, quantity FROM inventory_levels WHERE company_id = $1`,
    [input.companyId],
  );
  const problems: string[] = [];
  for (const row of rows) {
    const key = `${row.store_id}/${row.variant_id}`;
    const want = expected.get(key);
    if (want !== row.quantity) problems.push(`${key}: ${row.quantity}, expected ${want ?? 'none'}`);
    expected.delete(key);
  }
  for (const key of expected.keys()) problems.push(`${key}: no level`);
  return {
    name: 'stock level = opening − sold, per store and variant',
    pass: problems.length === 0,
    detail:
      problems.length === 0
        ? `${rows.length} levels`
        : `${problems.length} problem(s): ${problems.slice(0, SHOWN).join('; ')}`,
  };
}

async function checkAudit(pool: pg.Pool, input: CheckInput): Promise<CheckResult> {
  const { rows } = await pool.query<{ id: string; actions: string[] }>(
    `SELECT t.id, array_remove(array_agg(a.action), NULL) AS actions
       FROM transactions t
       LEFT JOIN audit_logs a ON a.company_id = t.company_id AND a.entity_id = t.id
      WHERE t.company_id = $1 AND t.kind = 'sale'
      GROUP BY t.id`,
    [input.companyId],
  );
  const stray = await pool.query<{ count: string }>(
    `SELECT count(*) FROM audit_logs a
      WHERE a.company_id = $1 AND a.action IN ('transaction.create', 'transaction.sync')
        AND NOT EXISTS (SELECT 1 FROM transactions t
                         WHERE t.company_id = a.company_id AND t.id = a.entity_id)`,
    [input.companyId],
  );
  const problems: string[] = [];
  for (const row of rows) {
    const sale = input.accepted.get(row.id);
    const want = sale ? AUDIT_ACTION[sale.channel] : undefined;
    if (row.actions.length !== 1 || row.actions[0] !== want) {
      problems.push(`${row.id}: [${row.actions.join(', ')}], expected [${want ?? '?'}]`);
    }
  }
  const strayCount = Number(stray.rows[0]?.count ?? 0);
  if (strayCount > 0) problems.push(`${strayCount} sale audit row(s) without a sale`);
  return {
    name: 'one audit row per sale (transaction.create / transaction.sync)',
    pass: problems.length === 0,
    detail:
      problems.length === 0
        ? `${rows.length} sales, one row each`
        : `${problems.length} problem(s): ${problems.slice(0, SHOWN).join('; ')}`,
  };
}
