import { beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../src/db/schema';
import { type SaleShop, saleShop, sell, send } from '../sales/helpers';
import { auditRows, bearer } from '../support/auth';
import { currentDocument } from '../support/contract';
import { createCompany, withDatabase } from '../support/factories';
import { readProblem, request } from '../support/worker';
import { type Member, member } from '../users/helpers';

/**
 * The security sweep, driven by the OpenAPI document rather than by a hand-kept list: a route
 * added tomorrow is swept as soon as it is documented (and test/api/openapi.test.ts makes sure
 * every route is). For every operation:
 *   - signed-in routes answer 401 without a token;
 *   - routes with `x-permissions` answer 403 to a user who holds none;
 *   - routes with ids in the path answer 404 to another company's ids, writing nothing (the
 *     platform's routes, to an operator: 404 for the platform's own company and for a user of
 *     another company than the one in the path);
 *   - routes with `x-store-scope` answer 403 in a store of the company the caller is not
 *     assigned to, writing nothing.
 * Bodies come from each operation's documented request example, so the examples must be valid.
 */

interface Operation {
  security: unknown[];
  'x-permissions'?: string[];
  'x-store-scope'?: string;
  requestBody?: { content: Record<string, { example?: unknown }> };
}

const document = await currentDocument();
const methods = ['get', 'put', 'post', 'patch', 'delete'] as const;
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  methods.flatMap((method) => {
    const operation = (item as Record<string, Operation | undefined>)[method];
    return operation ? [{ path, method: method.toUpperCase(), operation }] : [];
  }),
);
const label = ({ method, path }: { method: string; path: string }) => `${method} ${path}`;

function fillPath(template: string, ids: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => ids[name] ?? crypto.randomUUID());
}

function exampleOf(operation: Operation): unknown {
  return operation.requestBody?.content['application/json']?.example;
}

/** The example with every store, variant and sale id pointed at real rows of the test tenant. */
function aimed(value: unknown, ids: Record<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => aimed(item, ids));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, member]) => [key, ids[key] ?? aimed(member, ids)]),
  );
}

async function call(
  operation: { method: string; path: string; operation: Operation },
  path: string,
  headers: Record<string, string>,
  body: unknown,
) {
  const hasBody = operation.operation.requestBody !== undefined;
  return request(path, {
    method: operation.method,
    headers: { ...headers, ...(hasBody ? { 'Content-Type': 'application/json' } : {}) },
    ...(hasBody ? { body: JSON.stringify(body ?? {}) } : {}),
  });
}

let home: SaleShop;
let elsewhere: SaleShop;
let nobody: Member;
let firstStoreManager: Member;
let homeSaleInSecondStore: string;
let homeShiftInSecondStore: string;
let homeModifierGroup: { id: string; options: Array<{ id: string }> };
let homeService: { table: string; bill: string; ticket: string };
let foreign: Record<string, string>;
let operator: Member;
let platformCompanyId: string;

beforeAll(async () => {
  [home, elsewhere] = await Promise.all([saleShop(), saleShop()]);
  const platform = await createCompany({ kind: 'platform', name: 'kasir-edge sweep operations' });
  platformCompanyId = platform.id;
  operator = await member(platform.id, 'platform_admin');
  nobody = await member(home.companyId, 'cashier', { permissionsRevoked: ['sales.create'] });
  firstStoreManager = await member(home.companyId, 'manager', {
    storeIds: [home.store.id],
    permissionsGranted: ['settings.manage'],
  });
  const homeSale = await sell(home.manager, {
    storeId: home.otherStore.id,
    items: [{ variantId: home.tea.id, quantity: 1 }],
    payments: [{ method: 'cash', tendered: 50_000 }],
  });
  expect(homeSale.status).toBe(201);
  homeSaleInSecondStore = (await homeSale.json<{ id: string }>()).id;
  const homeShift = await send(home.manager.session, 'POST', '/api/v1/shifts', {
    id: crypto.randomUUID(),
    storeId: home.otherStore.id,
    openingCash: 100_000,
  });
  expect(homeShift.status).toBe(201);
  homeShiftInSecondStore = (await homeShift.json<{ id: string }>()).id;
  const homeGroup = await send(home.owner.session, 'POST', '/api/v1/modifier-groups', {
    name: 'Tambahan',
    options: [{ name: 'Extra shot', priceDelta: 5_000 }],
  });
  expect(homeGroup.status).toBe(201);
  homeModifierGroup = await homeGroup.json();
  homeService = await serviceIn(home, home.otherStore.id, home.manager);

  const foreignSale = await sell(elsewhere.cashier, {
    storeId: elsewhere.store.id,
    items: [{ variantId: elsewhere.tea.id, quantity: 1 }],
    payments: [{ method: 'cash', tendered: 50_000 }],
  });
  const category = await send(elsewhere.owner.session, 'POST', '/api/v1/categories', {
    name: 'Makanan',
  });
  const template = await send(elsewhere.owner.session, 'POST', '/api/v1/receipt-templates', {
    name: 'Struk utama',
  });
  const modifierGroup = await send(elsewhere.owner.session, 'POST', '/api/v1/modifier-groups', {
    name: 'Tingkat gula',
    minSelections: 1,
    options: [{ name: 'Normal', priceDelta: 0 }],
  });
  const foreignShift = await send(elsewhere.cashier.session, 'POST', '/api/v1/shifts', {
    id: crypto.randomUUID(),
    storeId: elsewhere.store.id,
    openingCash: 100_000,
  });
  const foreignService = await serviceIn(elsewhere, elsewhere.store.id, elsewhere.cashier);
  const foreignExport = await send(elsewhere.owner.session, 'POST', '/api/v1/reports/exports', {
    type: 'payments',
    params: { storeId: 'all', from: '2026-12-01', to: '2026-12-07' },
  });
  expect(foreignExport.status).toBe(202);
  const [notification] = await withDatabase(({ db }) =>
    db
      .insert(notifications)
      .values({
        companyId: elsewhere.companyId,
        kind: 'low_stock',
        dedupeKey: `sweep-${crypto.randomUUID()}`,
        data: {},
      })
      .returning(),
  );
  foreign = {
    sale: (await foreignSale.json<{ id: string }>()).id,
    category: (await category.json<{ id: string }>()).id,
    template: (await template.json<{ id: string }>()).id,
    shift: (await foreignShift.json<{ id: string }>()).id,
    modifierGroup: (await modifierGroup.json<{ id: string }>()).id,
    notification: notification?.id ?? '',
    reportExport: (await foreignExport.json<{ id: string }>()).id,
    ...foreignService,
  };
});

/** A table, a bill on it and the bill's kitchen ticket, in a store of the shop. */
async function serviceIn(shop: SaleShop, storeId: string, waiter: Member) {
  const table = await send(shop.owner.session, 'POST', '/api/v1/tables', {
    storeId,
    name: `Meja ${crypto.randomUUID().slice(0, 4)}`,
  });
  expect(table.status).toBe(201);
  const tableId = (await table.json<{ id: string }>()).id;
  const bill = await send(waiter.session, 'POST', '/api/v1/bills', {
    id: crypto.randomUUID(),
    storeId,
    tableId,
    items: [{ id: crypto.randomUUID(), variantId: shop.tea.id, quantity: 1 }],
  });
  expect(bill.status).toBe(201);
  const billId = (await bill.json<{ id: string }>()).id;
  const sent = await send(waiter.session, 'POST', `/api/v1/bills/${billId}/send`, {
    id: crypto.randomUUID(),
  });
  expect(sent.status).toBe(201);
  const [ticket = ''] = (await sent.json<{ ticketIds: string[] }>()).ticketIds;
  return { table: tableId, bill: billId, ticket };
}

/** Another company's rows for the ids in a path; a new kind of path id must be added here. */
function foreignIdsFor(template: string): Record<string, string> {
  const resource = template.split('/')[3];
  switch (resource) {
    case 'categories':
      return { id: foreign.category ?? '' };
    case 'products':
      return {
        id: elsewhere.coffee.productId,
        variantId: elsewhere.coffee.id,
        storeId: elsewhere.store.id,
      };
    case 'users':
      return { id: elsewhere.cashier.user.id };
    case 'transactions':
      return { id: foreign.sale ?? '' };
    case 'shifts':
      return { id: foreign.shift ?? '' };
    case 'modifier-groups':
      return { id: foreign.modifierGroup ?? '' };
    case 'tables':
      return { id: foreign.table ?? '' };
    case 'bills':
      return { id: foreign.bill ?? '' };
    case 'kitchen-tickets':
      return { id: foreign.ticket ?? '' };
    case 'receipt-templates':
      return { id: foreign.template ?? '' };
    case 'notifications':
      return { id: foreign.notification ?? '' };
    case 'reports':
      return { id: foreign.reportExport ?? '' };
    case 'auth':
      return { id: elsewhere.cashier.session.sessionId };
    case 'stores':
      return { storeId: elsewhere.store.id };
    case 'platform':
      // A backup's id is a moment: a well-formed one, of no backup of the path's company.
      return {
        id: platformCompanyId,
        userId: elsewhere.owner.user.id,
        takenAt: '2026-12-01T19:00:00.000Z',
      };
    default:
      throw new Error(`no foreign ids for ${template}: add them to foreignIdsFor()`);
  }
}

async function auditCounts() {
  const [homeRows, elsewhereRows] = await Promise.all([
    auditRows(home.companyId),
    auditRows(elsewhere.companyId),
  ]);
  return [homeRows.length, elsewhereRows.length];
}

const signedIn = operations.filter(({ operation }) => operation.security.length > 0);
const withPermissions = operations.filter(({ operation }) => operation['x-permissions']);
const withPathIds = operations.filter(({ path }) => path.includes('{'));
const storeBound = operations.filter(({ operation }) => operation['x-store-scope']);

describe('the route sweep', () => {
  it('finds what to sweep in the document', () => {
    expect(signedIn.length).toBeGreaterThan(50);
    expect(withPermissions.length).toBeGreaterThan(25);
    expect(withPathIds.length).toBeGreaterThan(20);
    expect(storeBound.length).toBeGreaterThan(12);
  });

  it.each(signedIn.map((operation) => [label(operation), operation] as const))(
    '%s answers 401 without a token',
    async (_label, operation) => {
      const response = await call(
        operation,
        fillPath(operation.path),
        {},
        exampleOf(operation.operation),
      );
      expect(response.status).toBe(401);
      expect((await readProblem(response)).code).toBe('UNAUTHENTICATED');
    },
  );

  it.each(withPermissions.map((operation) => [label(operation), operation] as const))(
    '%s answers 403 to a user without its permission',
    async (_label, operation) => {
      const response = await call(
        operation,
        fillPath(operation.path),
        bearer(nobody.session),
        exampleOf(operation.operation),
      );
      expect(response.status).toBe(403);
      const problem = await readProblem(response);
      expect(problem.code).toBe('FORBIDDEN');
      for (const permission of operation.operation['x-permissions'] ?? []) {
        expect(problem.detail).toContain(permission);
      }
    },
  );

  it.each(withPathIds.map((operation) => [label(operation), operation] as const))(
    '%s answers 404 to another company’s ids and writes nothing',
    async (_label, operation) => {
      const before = await auditCounts();
      const caller = operation.path.startsWith('/api/v1/platform/') ? operator : home.owner;
      const response = await call(
        operation,
        fillPath(operation.path, foreignIdsFor(operation.path)),
        bearer(caller.session),
        exampleOf(operation.operation),
      );
      expect(response.status).toBe(404);
      expect(await auditCounts()).toEqual(before);
    },
  );

  it.each(storeBound.map((operation) => [label(operation), operation] as const))(
    '%s answers 403 in a store the caller is not assigned to and writes nothing',
    async (_label, operation) => {
      const secondStore = home.otherStore.id;
      const pathIds = {
        id: homeSaleInSecondStore,
        variantId: home.coffee.id,
        storeId: secondStore,
      };
      const ownIds: Record<string, Record<string, string>> = {
        '/api/v1/products/': { id: home.coffee.productId },
        '/api/v1/shifts/': { id: homeShiftInSecondStore },
        '/api/v1/tables/': { id: homeService.table },
        '/api/v1/bills/': { id: homeService.bill },
        '/api/v1/kitchen-tickets/': { id: homeService.ticket },
        '/api/v1/modifier-groups/': {
          id: homeModifierGroup.id,
          optionId: homeModifierGroup.options[0]?.id ?? '',
        },
      };
      const own = Object.entries(ownIds).find(([prefix]) => operation.path.startsWith(prefix));
      const path = fillPath(operation.path, { ...pathIds, ...own?.[1] });
      // Reports need their range too, or they answer 400 before the store rule.
      const range = operation.path.startsWith('/api/v1/reports/')
        ? '&from=2026-12-01&to=2026-12-07'
        : '';
      const query =
        operation.operation['x-store-scope'] === 'query.storeId'
          ? `?storeId=${secondStore}${range}`
          : '';
      const body = aimed(exampleOf(operation.operation), {
        storeId: secondStore,
        fromStoreId: home.store.id,
        toStoreId: secondStore,
        variantId: home.coffee.id,
      });
      const before = await auditCounts();
      const response = await call(operation, path + query, bearer(firstStoreManager.session), body);
      expect(response.status).toBe(403);
      expect((await readProblem(response)).detail).toBe('Anda tidak ditugaskan di toko ini.');
      expect(await auditCounts()).toEqual(before);
    },
  );
});
