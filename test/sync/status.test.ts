import { describe, expect, it } from 'vitest';
import { syncStatusSchema } from '../../src/routes/v1/sync/schemas';
import { saleShop } from '../sales/helpers';
import { batchOf, offlineSale, send, uploadOk } from './helpers';

const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('GET /api/v1/sync/status (wire format)', () => {
  it('writes lastBatchAt in ISO 8601 and words recent failures in the language of the request', async () => {
    const shop = await saleShop();
    const unknownVariant = crypto.randomUUID();
    const rejected = offlineSale(shop, { items: [{ variantId: unknownVariant, quantity: 1 }] });
    const skewed = offlineSale(shop, {
      clientCreatedAt: new Date(Date.now() + 3 * 60 * 60 * 1000).toISOString(),
    });
    const upload = await uploadOk(shop.cashier, batchOf(shop, [rejected, skewed]));
    const skewedNumber = upload.results[1]?.number;
    const path = `/api/v1/sync/status?storeId=${shop.store.id}`;

    const indonesian = await send(shop.manager.session, 'GET', path);
    expect(indonesian.status).toBe(200);
    const status = syncStatusSchema.parse(await indonesian.json());
    const [device] = status.devices;
    expect(device?.lastBatchAt).toMatch(isoUtc);
    expect(device?.lastBatchAt).toBe(upload.receivedAt);
    const messages = (body: typeof status) =>
      Object.fromEntries(body.recentFailures.map((failure) => [failure.kind, failure.message]));
    expect(messages(status)).toEqual({
      sale_rejected: `Produk tidak ditemukan atau tidak aktif: ${unknownVariant}.`,
      sale_flagged: `Transaksi ${skewedNumber} diterima dengan tanda: clock_skew`,
    });

    const english = await send(shop.manager.session, 'GET', path, undefined, {
      'Accept-Language': 'en',
    });
    expect(english.status).toBe(200);
    const inEnglish = syncStatusSchema.parse(await english.json());
    expect(inEnglish.devices[0]?.lastBatchAt).toBe(upload.receivedAt);
    expect(messages(inEnglish)).toEqual({
      sale_rejected: `Product not found or not active: ${unknownVariant}.`,
      sale_flagged: `Sale ${skewedNumber} accepted with flags: clock_skew`,
    });
  });
});
