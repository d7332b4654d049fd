import { describe, expect, it } from 'vitest';
import { createVariant } from '../inventory/helpers';
import { readProblem } from '../support/worker';
import { offlineSale, uploadOk } from '../sync/helpers';
import { send } from '../users/helpers';
import {
  coffeeWithModifiers,
  countTransactions,
  type GroupBody,
  type SaleShop,
  saleShop,
  sell,
  stockOf,
} from './helpers';

interface SaleBody {
  id: string;
  subtotal: number;
  discountTotal: number;
  serviceCharge: number;
  taxTotal: number;
  rounding: number;
  total: number;
  items: Array<{
    unitPrice: number;
    modifierUnitTotal: number;
    lineTotal: number;
    taxAmount: number;
    modifiers: Array<{ name: string; groupName: string; priceDelta: number }>;
  }>;
}

async function sold(shop: SaleShop, body: Record<string, unknown>, seller = shop.manager) {
  const response = await sell(seller, { storeId: shop.store.id, ...body });
  if (response.status !== 201) {
    throw new Error(`sale failed: ${response.status} ${await response.text()}`);
  }
  return response.json<SaleBody>();
}

describe('sale lines with modifiers', () => {
  it('prices the options as part of the line: PBJT, taxed service, cash rounding', async () => {
    const shop = await saleShop();
    const menu = await coffeeWithModifiers(shop);
    const sale = await sold(shop, {
      items: [
        { variantId: shop.coffee.id, quantity: 2, modifiers: [menu.less, menu.shot, menu.oat] },
      ],
      payments: [{ method: 'cash', tendered: 100_000 }],
    });
    // 2 × (25.000 + 5.000 + 7.000) = 74.000; service 5% = 3.700; PBJT 10% of 77.700 = 7.770;
    // 85.470 rounded to the Rp100 cash step = 85.500.
    expect(sale).toMatchObject({
      subtotal: 74_000,
      serviceCharge: 3_700,
      taxTotal: 7_770,
      rounding: 30,
      total: 85_500,
    });
    const [line] = sale.items;
    expect(line).toMatchObject({ unitPrice: 25_000, modifierUnitTotal: 12_000, lineTotal: 74_000 });
    expect(line?.modifiers).toEqual([
      expect.objectContaining({ groupName: 'Tingkat gula', name: 'Less sugar', priceDelta: 0 }),
      expect.objectContaining({ groupName: 'Tambahan', name: 'Extra shot', priceDelta: 5_000 }),
      expect.objectContaining({ groupName: 'Tambahan', name: 'Oat milk', priceDelta: 7_000 }),
    ]);
    // The extra shot took two shots of beans; the line itself took two coffees.
    expect(await stockOf(shop.store.id, menu.beans.id)).toBe(98);
    expect(await stockOf(shop.store.id, shop.coffee.id)).toBe(48);

    const receipt = await send(
      shop.manager.session,
      'GET',
      `/api/v1/transactions/${sale.id}/receipt?format=text&width=32`,
    );
    const text = await receipt.text();
    for (const line of [
      '  + Less sugar',
      '  + Extra shot          Rp 5.000',
      '  + Oat milk            Rp 7.000',
      '  2 x Rp 37.000        Rp 74.000',
    ]) {
      expect(text).toContain(line);
    }
    // A void gives the beans back as well.
    const voided = await send(
      shop.manager.session,
      'POST',
      `/api/v1/transactions/${sale.id}/void`,
      {
        reason: 'Salah pesan',
      },
    );
    expect(voided.status).toBe(200);
    expect(await stockOf(shop.store.id, menu.beans.id)).toBe(100);
  });

  it('prices a line with options exactly as one whose unit price includes them', async () => {
    for (const overrides of [{}, { pricesIncludeTax: true, cashRoundingStep: 500 }]) {
      const shop = await saleShop(overrides);
      const menu = await coffeeWithModifiers(shop);
      // The same coffee without groups, sold at the price with its options in it.
      const plain = await createVariant(shop.companyId, {
        name: 'Kopi tanpa pilihan',
        product: { price: 25_000 },
      });
      const common = {
        orderDiscount: 3_000,
        payments: [{ method: 'cash', tendered: 500_000 }],
      };
      const withOptions = await sold(shop, {
        ...common,
        items: [
          {
            variantId: shop.coffee.id,
            quantity: 3,
            lineDiscount: 2_500,
            modifiers: [menu.less, menu.shot, menu.boba],
          },
          { variantId: shop.tea.id, quantity: 1 },
        ],
      });
      const asPrice = await sold(shop, {
        ...common,
        items: [
          { variantId: plain.id, quantity: 3, lineDiscount: 2_500, unitPrice: 34_000 },
          { variantId: shop.tea.id, quantity: 1 },
        ],
      });
      for (const key of [
        'subtotal',
        'discountTotal',
        'serviceCharge',
        'taxTotal',
        'rounding',
        'total',
      ] as const) {
        expect(withOptions[key], key).toBe(asPrice[key]);
      }
      expect(withOptions.items.map((line) => [line.lineTotal, line.taxAmount])).toEqual(
        asPrice.items.map((line) => [line.lineTotal, line.taxAmount]),
      );
    }
  });

  it('refuses options that break the product’s groups with 4xx, writing nothing', async () => {
    const shop = await saleShop();
    const menu = await coffeeWithModifiers(shop);
    const other = await send(shop.owner.session, 'POST', '/api/v1/modifier-groups', {
      name: 'Saus',
      options: [{ name: 'Sambal', priceDelta: 0 }],
    });
    const sauce = (await other.json<GroupBody>()).options[0]?.id;
    const before = await countTransactions(shop.companyId);
    const attempt = (modifiers: unknown[]) =>
      sell(shop.manager, {
        storeId: shop.store.id,
        items: [{ variantId: shop.coffee.id, quantity: 1, modifiers }],
        payments: [{ method: 'cash', tendered: 100_000 }],
      });
    const cases: Array<[unknown[], number, string]> = [
      [[], 422, 'Tingkat gula'],
      [[menu.less, menu.shot, menu.oat, menu.boba], 422, 'Tambahan'],
      [[menu.less, { optionId: sauce }], 422, 'bukan opsi'],
      [[menu.less, menu.less], 400, ''],
    ];
    for (const [modifiers, status, detail] of cases) {
      const response = await attempt(modifiers);
      expect(response.status, JSON.stringify(modifiers)).toBe(status);
      if (detail) expect((await readProblem(response)).detail).toContain(detail);
    }
    const deactivate = await send(
      shop.owner.session,
      'PATCH',
      `/api/v1/modifier-groups/${menu.extras.id}`,
      {
        version: menu.extras.version,
        options: menu.extras.options.map((option) => ({
          id: option.id,
          name: option.name,
          priceDelta: option.priceDelta,
          isActive: option.name !== 'Boba',
        })),
      },
    );
    expect(deactivate.status).toBe(200);
    const inactive = await attempt([menu.less, menu.boba]);
    expect(inactive.status).toBe(422);
    expect((await readProblem(inactive)).detail).toContain('Boba');
    expect(await countTransactions(shop.companyId)).toBe(before);
  });

  it('accepts an offline sale with an option deactivated since, flagged; refuses an unknown one', async () => {
    const shop = await saleShop();
    const menu = await coffeeWithModifiers(shop);
    await send(shop.owner.session, 'PATCH', `/api/v1/modifier-groups/${menu.extras.id}`, {
      version: menu.extras.version,
      options: menu.extras.options.map((option) => ({
        id: option.id,
        name: option.name,
        priceDelta: option.priceDelta,
        isActive: option.name !== 'Oat milk',
      })),
    });
    const stale = offlineSale(shop, {
      items: [{ variantId: shop.coffee.id, quantity: 1, modifiers: [menu.less, menu.oat] }],
    });
    const unknown = offlineSale(shop, {
      items: [
        {
          variantId: shop.coffee.id,
          quantity: 1,
          modifiers: [menu.less, { optionId: crypto.randomUUID() }],
        },
      ],
    });
    const result = await uploadOk(shop.cashier, {
      batchId: crypto.randomUUID(),
      storeId: shop.store.id,
      sales: [stale, unknown],
    });
    expect(result.results[0]).toMatchObject({ status: 'accepted', total: 37_000 });
    expect(result.results[0]?.flags).toContain('modifier_not_valid');
    expect(result.results[1]).toMatchObject({
      status: 'rejected',
      reason: 'sales.modifierUnknown',
    });
  });

  it('charges a store’s own option delta, and prices an offline sale with the deltas of its time', async () => {
    const shop = await saleShop();
    const menu = await coffeeWithModifiers(shop);
    const storePath = `/api/v1/modifier-groups/${menu.extras.id}/options/${menu.oat.optionId}/store-prices/${shop.store.id}`;
    const set = await send(shop.owner.session, 'PUT', storePath, { priceDelta: 8_000 });
    expect(set.status).toBe(200);
    const inStore = await sold(shop, {
      items: [{ variantId: shop.coffee.id, quantity: 1, modifiers: [menu.less, menu.oat] }],
      payments: [{ method: 'qris', amount: 38_115 }],
    });
    // 25.000 + 8.000 = 33.000; service 1.650; PBJT 10% of 34.650 = 3.465 → 38.115.
    expect(inStore.items[0]?.modifiers[1]?.priceDelta).toBe(8_000);
    expect(inStore.total).toBe(38_115);

    // A till offline sells at 8.000 now; then the store's own delta is cleared and the company
    // raises oat milk to 9.000. The sale, uploaded afterwards, keeps the 8.000 of its moment.
    const made = offlineSale(shop, {
      clientCreatedAt: new Date().toISOString(),
      items: [{ variantId: shop.coffee.id, quantity: 1, modifiers: [menu.less, menu.oat] }],
      payments: [{ method: 'qris', amount: 38_115 }],
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await send(shop.owner.session, 'DELETE', storePath)).status).toBe(204);
    const group = await send(
      shop.owner.session,
      'GET',
      `/api/v1/modifier-groups/${menu.extras.id}`,
    );
    const current = await group.json<GroupBody>();
    const raised = await send(
      shop.owner.session,
      'PATCH',
      `/api/v1/modifier-groups/${menu.extras.id}`,
      {
        version: current.version,
        options: current.options.map((option) => ({
          id: option.id,
          name: option.name,
          priceDelta: option.name === 'Oat milk' ? 9_000 : option.priceDelta,
        })),
      },
    );
    expect(raised.status).toBe(200);
    const result = await uploadOk(shop.cashier, {
      batchId: crypto.randomUUID(),
      storeId: shop.store.id,
      sales: [made],
    });
    expect(result.results[0]).toMatchObject({ status: 'accepted', total: 38_115 });
    const online = await sold(shop, {
      items: [{ variantId: shop.coffee.id, quantity: 1, modifiers: [menu.less, menu.oat] }],
      payments: [{ method: 'qris', amount: 39_270 }],
    });
    // Now: 25.000 + 9.000 = 34.000; service 1.700; tax 3.570 → 39.270.
    expect(online.total).toBe(39_270);
  });
});
