import { beforeAll, describe, expect, it } from 'vitest';
import type { Company } from '../../src/db/schema';
import { readProblem } from '../support/worker';
import {
  type CategoryBody,
  catalogSnapshot,
  createCategoryVia,
  createProductVia,
  type Member,
  member,
  send,
  tenant,
} from './helpers';

let company: Company;
let manager: Member;
let cashier: Member;

beforeAll(async () => {
  ({ company } = await tenant());
  manager = await member(company.id, 'manager');
  cashier = await member(company.id, 'cashier');
});

/** Root → depth 2 → … → depth n, returned root first. */
async function chain(levels: number): Promise<CategoryBody[]> {
  const made: CategoryBody[] = [];
  for (let level = 1; level <= levels; level++) {
    made.push(
      await createCategoryVia(manager, {
        name: `Level ${level}`,
        parentId: made.at(-1)?.id ?? null,
      }),
    );
  }
  return made;
}

async function expectRefused(response: Response, status: number, code: string, before: unknown) {
  expect(response.status).toBe(status);
  expect((await readProblem(response)).code).toBe(code);
  expect(await catalogSnapshot(company.id)).toEqual(before);
}

describe('the category tree', () => {
  it('allows five levels and refuses a sixth with 422', async () => {
    const levels = await chain(5);
    expect(levels.map((category) => category.depth)).toEqual([1, 2, 3, 4, 5]);
    const before = await catalogSnapshot(company.id);
    const sixth = await send(manager.session, 'POST', '/api/v1/categories', {
      name: 'Level 6',
      parentId: levels[4]?.id,
    });
    expect(sixth.status).toBe(422);
    expect((await readProblem(sixth)).detail).toBe('Kategori paling banyak 5 tingkat.');
    expect(await catalogSnapshot(company.id)).toEqual(before);
  });

  it('refuses moving a subtree where it would end deeper than five levels', async () => {
    const deep = await chain(4);
    const [top, second] = await chain(2);
    const before = await catalogSnapshot(company.id);
    // top (with one child) under the 4th level would put `second` at depth 6.
    const response = await send(manager.session, 'PATCH', `/api/v1/categories/${top?.id}`, {
      version: top?.version,
      parentId: deep[3]?.id,
    });
    await expectRefused(response, 422, 'UNPROCESSABLE', before);
    expect(second?.depth).toBe(2);
  });

  it('refuses a cycle: a category under its own descendant is 422 and nothing changes', async () => {
    // Shallow enough that only the cycle check can refuse it (the depth would be 4).
    const [root, child] = await chain(2);
    const [, , grandchild] = await chain(3);
    const before = await catalogSnapshot(company.id);
    const english = { 'Accept-Language': 'en' };
    const response = await send(
      manager.session,
      'PATCH',
      `/api/v1/categories/${root?.id}`,
      { version: root?.version, parentId: child?.id },
      english,
    );
    expect(response.status).toBe(422);
    expect((await readProblem(response)).detail).toMatch(/under itself or one of its descendants/);
    expect(await catalogSnapshot(company.id)).toEqual(before);
    const self = await send(manager.session, 'PATCH', `/api/v1/categories/${child?.id}`, {
      version: child?.version,
      parentId: child?.id,
    });
    await expectRefused(self, 422, 'UNPROCESSABLE', before);
    expect(grandchild?.depth).toBe(3);
  });

  it('moves a category under another and audits it', async () => {
    const a = await createCategoryVia(manager, { name: 'Makanan' });
    const b = await createCategoryVia(manager, { name: 'Nasi' });
    const response = await send(
      manager.session,
      'PATCH',
      `/api/v1/categories/${b.id}`,
      {
        parentId: a.id,
        sortOrder: 3,
      },
      { 'If-Match': `"${b.version}"` },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      parentId: a.id,
      depth: 2,
      sortOrder: 3,
      version: 2,
    });
    const read = await send(cashier.session, 'GET', `/api/v1/categories/${b.id}`);
    expect(await read.json()).toMatchObject({ parentId: a.id, version: 2 });
  });

  it('answers a stale version with 409 and the current category, writing nothing', async () => {
    const category = await createCategoryVia(manager, { name: 'Snack' });
    const first = await send(manager.session, 'PATCH', `/api/v1/categories/${category.id}`, {
      version: 1,
      name: 'Camilan',
    });
    expect(first.status).toBe(200);
    const before = await catalogSnapshot(company.id);
    const stale = await send(manager.session, 'PATCH', `/api/v1/categories/${category.id}`, {
      version: 1,
      name: 'Kudapan',
    });
    expect(stale.status).toBe(409);
    const problem = (await readProblem(stale)) as unknown as {
      code: string;
      current: CategoryBody;
    };
    expect(problem.code).toBe('CONFLICT');
    expect(problem.current).toMatchObject({ id: category.id, name: 'Camilan', version: 2 });
    expect(await catalogSnapshot(company.id)).toEqual(before);
  });

  it('refuses an image URL that is not https, and an unknown parent', async () => {
    const before = await catalogSnapshot(company.id);
    const http = await send(manager.session, 'POST', '/api/v1/categories', {
      name: 'Teh',
      imageUrl: 'http://cdn.kopi.test/teh.png',
    });
    expect(http.status).toBe(400);
    expect((await readProblem(http)).errors?.map((error) => error.path)).toEqual(['imageUrl']);
    const unknown = await send(manager.session, 'POST', '/api/v1/categories', {
      name: 'Teh',
      parentId: crypto.randomUUID(),
    });
    await expectRefused(unknown, 422, 'UNPROCESSABLE', before);
  });

  it('refuses to delete a category with live subcategories or active products, then deletes it', async () => {
    const parent = await createCategoryVia(manager, { name: 'Roti' });
    const child = await createCategoryVia(manager, { name: 'Roti Manis', parentId: parent.id });
    let before = await catalogSnapshot(company.id);
    await expectRefused(
      await send(manager.session, 'DELETE', `/api/v1/categories/${parent.id}`),
      409,
      'CONFLICT',
      before,
    );
    const product = await createProductVia(manager, { name: 'Roti Coklat', categoryId: child.id });
    before = await catalogSnapshot(company.id);
    await expectRefused(
      await send(manager.session, 'DELETE', `/api/v1/categories/${child.id}`),
      409,
      'CONFLICT',
      before,
    );
    expect((await send(manager.session, 'DELETE', `/api/v1/products/${product.id}`)).status).toBe(
      204,
    );
    expect((await send(manager.session, 'DELETE', `/api/v1/categories/${child.id}`)).status).toBe(
      204,
    );
    expect((await send(manager.session, 'DELETE', `/api/v1/categories/${parent.id}`)).status).toBe(
      204,
    );
    expect((await send(manager.session, 'GET', `/api/v1/categories/${parent.id}`)).status).toBe(
      404,
    );
    const list = await (await send(cashier.session, 'GET', '/api/v1/categories')).json<{
      data: CategoryBody[];
    }>();
    expect(list.data.map((category) => category.id)).not.toContain(parent.id);
  });
});

describe('permissions', () => {
  it('lets a cashier read but not write (403, nothing written)', async () => {
    const category = await createCategoryVia(manager, { name: 'Dessert' });
    expect((await send(cashier.session, 'GET', '/api/v1/categories')).status).toBe(200);
    expect((await send(cashier.session, 'GET', `/api/v1/categories/${category.id}`)).status).toBe(
      200,
    );
    const before = await catalogSnapshot(company.id);
    const attempts: Array<[string, string, unknown?]> = [
      ['POST', '/api/v1/categories', { name: 'Kasir' }],
      ['PATCH', `/api/v1/categories/${category.id}`, { version: 1, name: 'Kasir' }],
      ['DELETE', `/api/v1/categories/${category.id}`],
    ];
    for (const [method, path, body] of attempts) {
      const response = await send(cashier.session, method, path, body);
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect(await catalogSnapshot(company.id)).toEqual(before);
  });
});
