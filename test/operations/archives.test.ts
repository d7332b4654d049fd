import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { businessDate } from '../../src/lib/business-date';
import type { OperationsArchiveMonthJob } from '../../src/queues/messages';
import { archiveKeys } from '../../src/services/operations/archives';
import { archiveManifestSchema } from '../../src/services/operations/manifests';
import { schemaVersion } from '../../src/services/operations/schema-version';
import { rowsOf } from '../../src/services/operations/tenant-tables';
import { deliver } from '../reports/helpers';
import { type SaleShop, saleShop, sell } from '../sales/helpers';
import { createCompany, withDatabase } from '../support/factories';
import { busyCompany, objectLines, quietQueue } from './helpers';

/**
 * Monthly archives: a closed month of a company's transactions, lines and payments, written once
 * as gzip NDJSON with a manifest; archiving it again writes nothing unless the month changed,
 * and then a new version beside the first, never over it.
 */

const month = '2026-10';
const archiveJob = (companyId: string, forMonth = month): OperationsArchiveMonthJob => ({
  type: 'operations.archive_month',
  companyId,
  month: forMonth,
});

/** Dates the company's transactions in the archived month, as if they were sold then. */
function moveToMonth(companyId: string) {
  return withDatabase(({ db }) =>
    db.execute(sql`update transactions set business_date = ${`${month}-15`},
        void_business_date = case when void_business_date is null then null
          else ${`${month}-15`}::date end
      where company_id = ${companyId}`),
  );
}

/** The month's rows of a table as the database writes them in JSON, in the archive's order. */
function monthRows(companyId: string, table: 'transactions' | 'transaction_items' | 'payments') {
  const order = {
    transactions: sql`t.business_date, t.created_at, t.id`,
    transaction_items: sql`t.business_date, t.created_at, t.id, x.line_number, x.id`,
    payments: sql`t.business_date, t.created_at, t.id, x.created_at, x.id`,
  }[table];
  return withDatabase(({ db }) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`set local timezone to 'UTC'`);
      const source =
        table === 'transactions'
          ? sql`transactions t join transactions x on x.company_id = t.company_id and x.id = t.id`
          : sql`${sql.raw(table)} x join transactions t
              on t.company_id = x.company_id and t.id = x.transaction_id`;
      const rows = await rowsOf<{ line: string }>(
        tx,
        sql`select row_to_json(x)::text as line from ${source}
          where t.company_id = ${companyId} and to_char(t.business_date, 'YYYY-MM') = ${month}
          order by ${order}`,
      );
      return rows.map((row) => `{"table":"${table}","row":${row.line}}`);
    }),
  );
}

let queue: ReturnType<typeof quietQueue>;
let shop: SaleShop;
let other: SaleShop;

beforeAll(async () => {
  queue = quietQueue();
  [shop, other] = await Promise.all([busyCompany(), saleShop()]);
  const sold = await sell(other.cashier, {
    storeId: other.store.id,
    items: [{ variantId: other.tea.id, quantity: 1 }],
    payments: [{ method: 'cash', tendered: 50_000 }],
  });
  expect(sold.status).toBe(201);
  await Promise.all([moveToMonth(shop.companyId), moveToMonth(other.companyId)]);
});

afterAll(() => queue.restore());

describe('monthly archives', () => {
  it('hold a closed month’s transactions, lines and payments, and nothing of another company', async () => {
    const result = await deliver([archiveJob(shop.companyId)]);
    expect(result.explicitAcks).toEqual(['job-0']);
    const keys = archiveKeys(shop.companyId, month, 1);
    const stored = await env.ARCHIVES.get(keys.manifest);
    const manifest = archiveManifestSchema.parse(await stored?.json());
    expect(manifest).toMatchObject({
      companyId: shop.companyId,
      month,
      period: { from: '2026-10-01', to: '2026-10-31' },
      version: 1,
      supersedes: null,
      schema: schemaVersion,
      // Three sales (one voided) and a refund; their lines; their payments.
      tables: { transactions: 4, transaction_items: 5, payments: 4 },
      rowCount: 13,
      file: { key: keys.data },
    });

    const { lines, digest } = await objectLines(keys.data);
    expect(digest).toMatchObject({
      sha256: manifest.file.sha256,
      contentSha256: manifest.file.contentSha256,
      sizeBytes: manifest.file.sizeBytes,
      lines: 13,
    });
    expect(lines).toEqual([
      ...(await monthRows(shop.companyId, 'transactions')),
      ...(await monthRows(shop.companyId, 'transaction_items')),
      ...(await monthRows(shop.companyId, 'payments')),
    ]);
    const kinds = lines
      .map((line) => JSON.parse(line) as { table: string; row: Record<string, unknown> })
      .filter((line) => line.table === 'transactions')
      .map((line) => `${line.row.kind}:${line.row.status}`)
      .sort();
    expect(kinds).toEqual([
      'refund:completed',
      'sale:completed',
      'sale:partially_refunded',
      'sale:voided',
    ]);
    for (const line of lines) expect(line).not.toContain(other.companyId);
  });

  it('are written once: a second run finds the month unchanged and writes nothing', async () => {
    await deliver([archiveJob(other.companyId)]);
    const keys = archiveKeys(other.companyId, month, 1);
    const first = await env.ARCHIVES.head(keys.data);
    const firstManifest = await env.ARCHIVES.head(keys.manifest);
    expect(first).not.toBeNull();

    const again = await deliver([archiveJob(other.companyId)], 2);
    expect(again.explicitAcks).toEqual(['job-0']);
    const objects = await env.ARCHIVES.list({ prefix: `archives/${other.companyId}/` });
    expect(objects.objects.map((object) => object.key).sort()).toEqual(
      [keys.data, keys.manifest].sort(),
    );
    expect((await env.ARCHIVES.head(keys.data))?.etag).toBe(first?.etag);
    expect((await env.ARCHIVES.head(keys.manifest))?.uploaded).toEqual(firstManifest?.uploaded);
  });

  it('keep a month that changed after it was archived as a new version beside the first', async () => {
    const company = await saleShop();
    const sale = async () => {
      const sold = await sell(company.cashier, {
        storeId: company.store.id,
        items: [{ variantId: company.tea.id, quantity: 1 }],
        payments: [{ method: 'cash', tendered: 50_000 }],
      });
      expect(sold.status).toBe(201);
    };
    await sale();
    await moveToMonth(company.companyId);
    await deliver([archiveJob(company.companyId)]);
    const first = await env.ARCHIVES.get(archiveKeys(company.companyId, month, 1).manifest);
    const v1 = archiveManifestSchema.parse(await first?.json());

    // A sale of the month that arrives late (an offline till that syncs days after).
    await sale();
    await moveToMonth(company.companyId);
    await deliver([archiveJob(company.companyId)]);
    const second = await env.ARCHIVES.get(archiveKeys(company.companyId, month, 2).manifest);
    const v2 = archiveManifestSchema.parse(await second?.json());
    expect(v2).toMatchObject({
      version: 2,
      supersedes: archiveKeys(company.companyId, month, 1).manifest,
      tables: { transactions: 2, transaction_items: 2, payments: 2 },
    });
    expect(v2.file.contentSha256).not.toBe(v1.file.contentSha256);
    // The first version is still there, as it was.
    const kept = await objectLines(v1.file.key);
    expect(kept.digest.sha256).toBe(v1.file.sha256);
    expect(kept.lines).toHaveLength(v1.rowCount);
  });

  it('wait for a month every store of the company has finished, and skip a month without sales', async () => {
    const company = await saleShop();
    const now = new Date();
    const current = businessDate(now, company.store.timezone, company.store.businessDayCutoffHour);
    const open = await deliver([archiveJob(company.companyId, current.slice(0, 7))]);
    expect(open.explicitAcks).toEqual(['job-0']);
    const empty = await deliver([archiveJob(company.companyId, '2026-01')]);
    expect(empty.explicitAcks).toEqual(['job-0']);
    const objects = await env.ARCHIVES.list({ prefix: `archives/${company.companyId}/` });
    expect(objects.objects).toEqual([]);
  });

  it('go out on the 2nd of the month: the month just closed and the one before, per company', async () => {
    const suspended = await createCompany({ status: 'suspended' });
    const sentOn = async (scheduledTime: Date) => {
      queue.batches.length = 0;
      await worker.scheduled(createScheduledController({ cron: '0 19 * * *', scheduledTime }), env);
      return queue.batches
        .flat()
        .map((message) => message.body)
        .filter(
          (body): body is OperationsArchiveMonthJob => body.type === 'operations.archive_month',
        );
    };
    const jobs = await sentOn(new Date('2026-12-02T19:00:00.000Z'));
    expect(queue.batches.every((batch) => batch.length <= 100)).toBe(true);
    for (const companyId of [shop.companyId, other.companyId, suspended.id]) {
      const months = jobs.filter((job) => job.companyId === companyId).map((job) => job.month);
      expect(months.sort(), companyId).toEqual(['2026-10', '2026-11']);
    }
    expect(await sentOn(new Date('2026-12-03T19:00:00.000Z'))).toEqual([]);
  });
});
