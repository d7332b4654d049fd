import { describe, expect, it } from 'vitest';
import { countTransactions, saleShop, sell } from '../sales/helpers';
import { authedRequest } from '../support/auth';
import { readProblem } from '../support/worker';
import { send, tenant } from '../users/helpers';

/**
 * Input Postgres cannot store or the parser cannot survive, refused in one place (json-body.ts,
 * storable-url.ts, lib/cursor.ts) with a 400 that says where, before any SQL runs.
 */
describe('input hygiene', () => {
  it('refuses a NUL or a lone surrogate anywhere in a JSON body, naming the field', async () => {
    const { owner } = await tenant();
    for (const [body, path] of [
      ['{"name":"Kopi\\u0000"}', 'name'],
      ['{"name":"Teh","description":"\\ud800 manis"}', 'description'],
    ] as const) {
      const response = await send(owner.session, 'POST', '/api/v1/categories', body);
      const problem = await readProblem(response);
      expect(response.status).toBe(400);
      expect(problem.code).toBe('VALIDATION_FAILED');
      expect(problem.errors).toEqual([expect.objectContaining({ path, code: 'unstorable_text' })]);
    }
    const list = await send(owner.session, 'GET', '/api/v1/categories');
    expect((await list.json<{ data: unknown[] }>()).data).toEqual([]);
  });

  it('refuses a NUL in a query value or in the path', async () => {
    const { owner } = await tenant();
    for (const path of ['/api/v1/products?search=%00', '/api/v1/transactions/ab%00cd']) {
      const response = await authedRequest(owner.session, path);
      expect(response.status).toBe(400);
      expect((await readProblem(response)).errors?.[0]).toMatchObject({ code: 'unstorable_text' });
    }
  });

  it('answers a body nested deeper than 32 levels with 400, before parsing it', async () => {
    const { owner } = await tenant();
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const response = await send(owner.session, 'POST', '/api/v1/categories', deep);
    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.code).toBe('MALFORMED_JSON');
    // Brackets inside a string are text, not nesting.
    const text = await send(owner.session, 'POST', '/api/v1/categories', {
      name: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
    });
    expect(text.status).toBe(201);
  });

  it("answers an online sale whose id is another company's sale as any reused id, writing nothing", async () => {
    const shop = await saleShop();
    const other = await saleShop();
    const sale = (storeId: string, variantId: string, id: string) => ({
      id,
      storeId,
      items: [{ variantId, quantity: 1 }],
      payments: [{ method: 'cash', tendered: 50_000 }],
    });
    const theirs = crypto.randomUUID();
    expect((await sell(other.cashier, sale(other.store.id, other.coffee.id, theirs))).status).toBe(
      201,
    );
    const ours = crypto.randomUUID();
    expect((await sell(shop.cashier, sale(shop.store.id, shop.coffee.id, ours))).status).toBe(201);

    // Our own reused id with another body, and their id: the same 409, nothing said about where.
    const reused = await sell(shop.cashier, {
      ...sale(shop.store.id, shop.coffee.id, ours),
      note: 'lain',
    });
    const colliding = await sell(shop.cashier, sale(shop.store.id, shop.coffee.id, theirs));
    const [reusedProblem, collidingProblem] = [
      await readProblem(reused),
      await readProblem(colliding),
    ];
    expect(colliding.status).toBe(409);
    expect(reused.status).toBe(409);
    expect(collidingProblem.detail).toBe(reusedProblem.detail);
    expect(collidingProblem.code).toBe(reusedProblem.code);
    expect(await countTransactions(shop.companyId)).toBe(1);
    expect(await countTransactions(other.companyId)).toBe(1);
  });
});
