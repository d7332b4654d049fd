import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { modifierGroups, modifierOptions } from '../../src/db/schema';
import type { modifierGroupSchema } from '../../src/routes/v1/modifier-groups/schemas';
import { type SaleShop, saleShop } from '../sales/helpers';
import { auditRows } from '../support/auth';
import { withDatabase } from '../support/factories';
import { readProblem } from '../support/worker';
import { deltaPage } from '../sync/helpers';
import { send } from '../users/helpers';

type GroupBody = z.infer<typeof modifierGroupSchema>;

const sugar = {
  name: 'Tingkat gula',
  minSelections: 1,
  maxSelections: 1,
  options: [
    { name: 'Normal', priceDelta: 0 },
    { name: 'Less sugar', priceDelta: 0 },
    { name: 'No sugar', priceDelta: 0 },
  ],
};

async function createGroup(shop: SaleShop, body: Record<string, unknown>) {
  const response = await send(shop.owner.session, 'POST', '/api/v1/modifier-groups', body);
  if (response.status !== 201) {
    throw new Error(`group not created: ${response.status} ${await response.text()}`);
  }
  return response.json<GroupBody>();
}

function groupRows(companyId: string) {
  return withDatabase(({ db }) =>
    db.select().from(modifierGroups).where(eq(modifierGroups.companyId, companyId)),
  );
}

function optionRows(companyId: string) {
  return withDatabase(({ db }) =>
    db.select().from(modifierOptions).where(eq(modifierOptions.companyId, companyId)),
  );
}

let shop: SaleShop;
beforeAll(async () => {
  shop = await saleShop();
});

describe('modifier groups', () => {
  it('creates a group with its options, readable by every staff member, audited', async () => {
    const group = await createGroup(shop, sugar);
    expect(group).toMatchObject({ name: 'Tingkat gula', minSelections: 1, maxSelections: 1 });
    expect(group.options.map((option) => option.name)).toEqual([
      'Normal',
      'Less sugar',
      'No sugar',
    ]);
    const asCashier = await send(
      shop.cashier.session,
      'GET',
      `/api/v1/modifier-groups/${group.id}`,
    );
    expect(asCashier.status).toBe(200);
    expect((await asCashier.json<GroupBody>()).options).toHaveLength(3);
    const [audit] = await auditRows(shop.companyId, 'modifier_group.create');
    expect(audit?.entityId).toBe(group.id);
    const byCashier = await send(shop.cashier.session, 'POST', '/api/v1/modifier-groups', sugar);
    expect(byCashier.status).toBe(403);
  });

  it('refuses groups that break their rules with 422 on the field, writing nothing', async () => {
    const fresh = await saleShop();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...sugar, minSelections: 2, maxSelections: 1 }, 'minSelections'],
      [{ ...sugar, minSelections: 2, maxSelections: 3, options: [sugar.options[0]] }, 'options'],
      [
        {
          ...sugar,
          options: [
            { name: 'Normal', priceDelta: 0 },
            { name: 'normal', priceDelta: 0 },
          ],
        },
        'options.1.name',
      ],
      [
        {
          ...sugar,
          options: [{ name: 'Shot', priceDelta: 5_000, stockVariantId: crypto.randomUUID() }],
        },
        'options.0.stockVariantId',
      ],
    ];
    for (const [body, path] of cases) {
      const response = await send(fresh.owner.session, 'POST', '/api/v1/modifier-groups', body);
      expect(response.status, path).toBe(422);
      expect((await readProblem(response)).errors).toContainEqual(
        expect.objectContaining({ path }),
      );
    }
    for (const priceDelta of [-1, 2.5]) {
      const response = await send(fresh.owner.session, 'POST', '/api/v1/modifier-groups', {
        ...sugar,
        options: [{ name: 'Extra', priceDelta }],
      });
      expect(response.status).toBe(400);
    }
    expect(await groupRows(fresh.companyId)).toEqual([]);
  });

  it('replaces the options on update: kept, changed, added and deleted, at the edited version', async () => {
    const extras = await createGroup(shop, {
      name: 'Tambahan',
      minSelections: 0,
      maxSelections: 2,
      options: [
        { name: 'Extra shot', priceDelta: 5_000, stockVariantId: shop.coffee.id },
        { name: 'Oat milk', priceDelta: 7_000 },
      ],
    });
    const [shot, oat] = extras.options;
    const path = `/api/v1/modifier-groups/${extras.id}`;
    const updated = await send(shop.owner.session, 'PATCH', path, {
      version: extras.version,
      maxSelections: 3,
      options: [
        { id: shot?.id, name: 'Extra shot', priceDelta: 6_000, stockVariantId: shop.coffee.id },
        { name: 'Whipped cream', priceDelta: 4_000 },
      ],
    });
    expect(updated.status).toBe(200);
    const body = await updated.json<GroupBody>();
    expect(body.version).toBe(extras.version + 1);
    expect(body.options.map((option) => [option.name, option.priceDelta])).toEqual([
      ['Extra shot', 6_000],
      ['Whipped cream', 4_000],
    ]);
    expect(body.options[0]?.id).toBe(shot?.id);
    const deleted = (await optionRows(shop.companyId)).find((row) => row.id === oat?.id);
    expect(deleted?.deletedAt).not.toBeNull();

    const stale = await send(shop.owner.session, 'PATCH', path, {
      version: extras.version,
      name: 'Topping',
    });
    expect(stale.status).toBe(409);
    expect((await readProblem(stale)).current).toMatchObject({ name: 'Tambahan' });

    const foreignOption = await send(shop.owner.session, 'PATCH', path, {
      version: body.version,
      options: [{ id: crypto.randomUUID(), name: 'X', priceDelta: 1 }],
    });
    expect(foreignOption.status).toBe(422);
  });

  it('attaches groups to a product in order, detaches them, and tells the tills', async () => {
    const sizes = await createGroup(shop, { ...sugar, name: 'Es' });
    const toppings = await createGroup(shop, {
      name: 'Topping',
      options: [{ name: 'Boba', priceDelta: 3_000 }],
    });
    const path = `/api/v1/products/${shop.coffee.productId}/modifier-groups`;
    const { cursor } = await deltaPage(shop.cashier, shop.store.id);
    const set = await send(shop.owner.session, 'PUT', path, { groupIds: [toppings.id, sizes.id] });
    expect(set.status).toBe(200);
    expect((await set.json<{ data: GroupBody[] }>()).data.map((group) => group.id)).toEqual([
      toppings.id,
      sizes.id,
    ]);
    const read = await send(shop.cashier.session, 'GET', path);
    expect((await read.json<{ data: GroupBody[] }>()).data.map((group) => group.name)).toEqual([
      'Topping',
      'Es',
    ]);
    const attached = await deltaPage(shop.cashier, shop.store.id, cursor);
    const pairs = attached.changes.filter((change) => change.type === 'productModifierGroup');
    expect(pairs).toHaveLength(2);

    const again = await send(shop.owner.session, 'PUT', path, { groupIds: [sizes.id] });
    expect((await again.json<{ data: GroupBody[] }>()).data.map((group) => group.id)).toEqual([
      sizes.id,
    ]);
    const detached = await deltaPage(shop.cashier, shop.store.id, attached.cursor);
    expect(detached.changes).toContainEqual(
      expect.objectContaining({ type: 'productModifierGroup', op: 'delete' }),
    );
    expect(await auditRows(shop.companyId, 'product.modifier_groups')).toHaveLength(2);

    const unknown = await send(shop.owner.session, 'PUT', path, {
      groupIds: [crypto.randomUUID()],
    });
    expect(unknown.status).toBe(422);
    const twice = await send(shop.owner.session, 'PUT', path, { groupIds: [sizes.id, sizes.id] });
    expect(twice.status).toBe(400);
  });

  it('deletes a group with its options and attachments; another company’s group is 404', async () => {
    const group = await createGroup(shop, { ...sugar, name: 'Suhu' });
    const path = `/api/v1/products/${shop.tea.productId}/modifier-groups`;
    await send(shop.owner.session, 'PUT', path, { groupIds: [group.id] });
    const other = await saleShop();
    const foreign = await send(
      other.owner.session,
      'DELETE',
      `/api/v1/modifier-groups/${group.id}`,
    );
    expect(foreign.status).toBe(404);
    const response = await send(
      shop.owner.session,
      'DELETE',
      `/api/v1/modifier-groups/${group.id}`,
    );
    expect(response.status).toBe(204);
    expect(
      (await send(shop.owner.session, 'GET', `/api/v1/modifier-groups/${group.id}`)).status,
    ).toBe(404);
    const attached = await send(shop.cashier.session, 'GET', path);
    expect((await attached.json<{ data: GroupBody[] }>()).data).toEqual([]);
    const listed = await send(shop.cashier.session, 'GET', '/api/v1/modifier-groups');
    const names = (await listed.json<{ data: GroupBody[] }>()).data.map((entry) => entry.name);
    expect(names).not.toContain('Suhu');
  });
});
