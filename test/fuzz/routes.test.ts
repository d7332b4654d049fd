import * as fc from 'fast-check';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { User } from '../../src/db/schema';
import { type ErrorCode, errorCodes } from '../../src/lib/errors';
import { negotiateLanguage } from '../../src/lib/i18n';
import { type SaleShop, saleShop, sell, send } from '../sales/helpers';
import { createUser, type SignedIn, signIn } from '../support/auth';
import { currentDocument } from '../support/contract';
import { createCompany, createStore, withDatabase } from '../support/factories';
import { request } from '../support/worker';
import {
  acceptLanguages,
  forgedCursors,
  hostilePathSegment,
  hostileQueryValue,
  type Mutation,
  mutate,
  mutation,
  rawBodies,
} from './hostile';
import { arbitraryFor, type JsonSchema, type KnownIds } from './schema-values';
import { changedTables, type TenantState, tenantState } from './tenant-state';

/**
 * The fuzz suite, driven by the OpenAPI document: every documented operation (a route added
 * later is fuzzed without a new test) gets requests built from its own schemas, then broken
 * (hostile values, deleted and extra members, raw bodies, forged cursors, bad path ids), sent
 * through the Worker as the company's owner, who may do everything (the platform's routes as an
 * operator, against a company of their own and watching the platform's rows too). Every answer
 * must be:
 *   - below 500;
 *   - a documented answer (every request goes through the contract check);
 *   - problem+json in the negotiated language when it is an error, with no internals;
 *   - and a 4xx must leave every row of the company as it was.
 * FUZZ_RUNS sets the cases per operation (`npm run fuzz` runs many more than CI).
 */

interface Parameter {
  in: 'query' | 'path' | 'header';
  name: string;
  schema: JsonSchema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: JsonSchema; example?: unknown }> };
}

const document = await currentDocument();
const runs = inject('fuzzRuns');
const methods = ['get', 'put', 'post', 'patch', 'delete'] as const;
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  methods.flatMap((method) => {
    const operation = (item as Record<string, Operation | undefined>)[method];
    return operation ? [{ path, method: method.toUpperCase(), operation }] : [];
  }),
);

function resolve(ref: string): JsonSchema {
  const name = ref.replace('#/components/schemas/', '');
  const schema = (document.components?.schemas as Record<string, JsonSchema> | undefined)?.[name];
  if (!schema) throw new Error(`unresolved ${ref}`);
  return schema;
}

let shop: SaleShop;
const password = `fuzz-${crypto.randomUUID()}`;
let fuzzerUser: User;
let fuzzer: SignedIn;
let knownIds: KnownIds;
let pathIds: Record<string, Record<string, readonly string[]>>;
/** The operator who fuzzes the platform's routes, and the tenant they are aimed at. */
let operator: { user: User; session: SignedIn; companyId: string };
let target: SaleShop;

beforeAll(async () => {
  shop = await saleShop();
  const spare = await createUser(shop.companyId, { role: 'cashier', storeIds: [shop.store.id] });
  // A password no documented example carries, so a fuzzed password change cannot succeed.
  fuzzerUser = await createUser(shop.companyId, { role: 'owner', password });
  fuzzer = await signIn(fuzzerUser, { password });
  const [sale, category, template, shift, modifierGroup] = await Promise.all([
    sell(shop.manager, {
      storeId: shop.store.id,
      items: [{ variantId: shop.coffee.id, quantity: 1 }],
      payments: [{ method: 'cash', tendered: 50_000 }],
    }),
    send(fuzzer, 'POST', '/api/v1/categories', { name: 'Minuman' }),
    send(fuzzer, 'POST', '/api/v1/receipt-templates', { name: 'Struk utama' }),
    // The fuzzer's own till's shift: its movements and close are the fuzzer's to send.
    send(fuzzer, 'POST', '/api/v1/shifts', {
      id: crypto.randomUUID(),
      storeId: shop.store.id,
      openingCash: 100_000,
    }),
    send(fuzzer, 'POST', '/api/v1/modifier-groups', {
      name: 'Tambahan',
      options: [{ name: 'Extra shot', priceDelta: 5_000 }],
    }),
  ]);
  // The store routes get a store of their own: a fuzzed delete must not take the sales' store.
  const administered = await createStore(shop.companyId);
  target = await saleShop();
  const platform = await createCompany({ kind: 'platform', name: 'kasir-edge fuzz operations' });
  const operatorUser = await createUser(platform.id, { role: 'platform_admin', password });
  operator = {
    user: operatorUser,
    session: await signIn(operatorUser, { password }),
    companyId: platform.id,
  };
  const idOf = async (response: Response) => (await response.json<{ id: string }>()).id;
  const [saleId, categoryId, templateId, shiftId, group] = await Promise.all([
    idOf(sale),
    idOf(category),
    idOf(template),
    idOf(shift),
    modifierGroup.json<{ id: string; options: Array<{ id: string }> }>(),
  ]);
  const modifierGroupId = group.id;
  const stores = [shop.store.id, shop.otherStore.id];
  const variants = [shop.coffee.id, shop.tea.id];
  const people = [spare.id, shop.manager.user.id, shop.cashier.user.id];
  knownIds = {
    storeId: stores,
    fromStoreId: stores,
    toStoreId: stores,
    variantId: variants,
    productId: [shop.coffee.productId, shop.tea.productId],
    categoryId: [categoryId],
    parentId: [categoryId],
    approverId: people,
    cashierId: people,
    actorId: people,
    userId: people,
    storeIds: stores,
    groupIds: [modifierGroupId],
    stockVariantId: variants,
  };
  pathIds = {
    categories: { id: [categoryId] },
    products: {
      id: [shop.coffee.productId, shop.tea.productId],
      variantId: variants,
      storeId: stores,
    },
    users: { id: [spare.id] },
    transactions: { id: [saleId] },
    shifts: { id: [shiftId] },
    'modifier-groups': {
      id: [modifierGroupId],
      optionId: group.options.map((option) => option.id),
      storeId: stores,
    },
    'receipt-templates': { id: [templateId] },
    stores: { storeId: [administered.id] },
    platform: { id: [target.companyId], userId: [target.owner.user.id] },
  };
});

const isPlatformRoute = (template: string) => template.startsWith('/api/v1/platform/');

interface Case {
  language: string;
  path: Record<string, string>;
  headers: Partial<Record<string, string>>;
  query: Record<string, unknown>;
  queryMutation: { name: string; value: string } | null;
  body: { kind: 'value'; value: unknown; change: Mutation } | { kind: 'raw'; text: string } | null;
}

function caseOf(template: string, operation: Operation): fc.Arbitrary<Case> {
  const parameters = operation.parameters ?? [];
  const resource = template.split('/')[3] ?? '';
  const pathParameters = parameters.filter((parameter) => parameter.in === 'path');
  const queryParameters = parameters.filter((parameter) => parameter.in === 'query');
  const headerParameters = parameters.filter((parameter) => parameter.in === 'header');
  const context = { resolve, knownIds };
  // Documented headers (an Idempotency-Key) are mostly sent, sometimes left out.
  const headers = fc.record(
    Object.fromEntries(
      headerParameters.map((parameter) => [
        parameter.name,
        arbitraryFor(parameter.schema, context, parameter.name).map(String),
      ]),
    ),
    { requiredKeys: [] },
  );

  const path = fc.record(
    Object.fromEntries(
      pathParameters.map(({ name }) => {
        const known = pathIds[resource]?.[name] ?? [];
        return [
          name,
          fc.oneof(
            { weight: 3, arbitrary: known.length > 0 ? fc.constantFrom(...known) : fc.uuid() },
            { weight: 1, arbitrary: fc.uuid() },
            { weight: 1, arbitrary: hostilePathSegment },
          ),
        ];
      }),
    ),
  );
  const query = fc.record(
    Object.fromEntries(
      queryParameters.map((parameter) => [
        parameter.name,
        arbitraryFor(parameter.schema, context, parameter.name),
      ]),
    ),
    { requiredKeys: [] },
  );
  const anyParameter = fc.record({
    name: fc.constantFrom(...queryParameters.map(({ name }) => name), 'unknown', 'limit'),
    value: hostileQueryValue,
  });
  const forgedCursor = fc.record({ name: fc.constant('cursor'), value: forgedCursors });
  const takesCursor = queryParameters.some(({ name }) => name === 'cursor');
  const queryMutation = fc.option(
    takesCursor ? fc.oneof(anyParameter, forgedCursor) : anyParameter,
    { freq: 2 },
  );

  const content = operation.requestBody?.content['application/json'];
  const body: fc.Arbitrary<Case['body']> = content?.schema
    ? fc.oneof(
        {
          weight: 10,
          arbitrary: fc.record({
            kind: fc.constant('value' as const),
            value: fc.oneof(
              arbitraryFor(content.schema, context),
              fc.constant(aimed(content.example, knownIds)),
            ),
            change: mutation,
          }),
        },
        {
          weight: 1,
          arbitrary: fc.record({
            kind: fc.constant('raw' as const),
            text: fc.constantFrom(...rawBodies),
          }),
        },
      )
    : fc.constant(null);

  return fc.record({ language: acceptLanguages, path, headers, query, queryMutation, body });
}

/** The documented example with its ids pointed at the fuzzed company's rows. */
function aimed(value: unknown, ids: KnownIds): unknown {
  if (Array.isArray(value)) return value.map((item) => aimed(item, ids));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, member]) => {
      const known = ids[key];
      if (known && typeof member === 'string') return [key, known[0]];
      if (known && Array.isArray(member)) return [key, known.slice(0, 1)];
      return [key, aimed(member, ids)];
    }),
  );
}

function urlOf(template: string, fuzz: Case): string {
  const path = template.replace(/\{(\w+)\}/g, (_match, name: string) => fuzz.path[name] ?? '');
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(fuzz.query)) search.set(name, String(value));
  if (fuzz.queryMutation) search.set(fuzz.queryMutation.name, fuzz.queryMutation.value);
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

function bodyText(fuzz: Case): string | undefined {
  if (!fuzz.body) return undefined;
  if (fuzz.body.kind === 'raw') return fuzz.body.text;
  return JSON.stringify(mutate(fuzz.body.value, fuzz.body.change) ?? null);
}

const internals =
  /failed query|syntax error|violates|duplicate key|invalid byte|\bat \w+ \(|node_modules/i;

/** Ends the sessions a fuzzed sign-out ended: the next case signs in again. */
function mayEndTheSession(path: string): boolean {
  return path.startsWith('/api/v1/auth/') || path === '/api/v1/me/password';
}

describe('the fuzz suite', () => {
  it('finds every operation in the document', () => {
    expect(operations.length).toBeGreaterThan(55);
  });

  it.each(
    operations.map((operation) => [`${operation.method} ${operation.path}`, operation] as const),
  )(
    '%s: no 5xx, problem+json in the asked language, and a refusal writes nothing',
    { timeout: 60_000 + runs * 2_000 },
    async (_label, { path: template, method, operation }) => {
      const platformRoute = isPlatformRoute(template);
      const watched = platformRoute ? [target.companyId, operator.companyId] : [shop.companyId];
      // A connection per look, closed before the next request: the embedded Postgres of a
      // plain `npm test` serves one connection at a time, so one held open would block the Worker.
      const stateNow = (asOf?: string) =>
        withDatabase(({ db }) =>
          Promise.all(watched.map((companyId) => tenantState(db, companyId, asOf))),
        );
      let state: TenantState[] = await stateNow();
      await fc.assert(
        fc.asyncProperty(caseOf(template, operation), async (fuzz) => {
          const body = bodyText(fuzz);
          const response = await request(urlOf(template, fuzz), {
            method,
            headers: {
              ...fuzz.headers,
              Authorization: `Bearer ${(platformRoute ? operator.session : fuzzer).accessToken}`,
              'Accept-Language': fuzz.language,
              'CF-Connecting-IP': `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
              ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
            },
            ...(body === undefined ? {} : { body }),
          });
          expect(response.status, await response.clone().text()).toBeLessThan(500);

          if (response.status >= 400) {
            const language = negotiateLanguage(fuzz.language);
            expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
            expect(response.headers.get('Content-Language')).toBe(language);
            const text = await response.text();
            expect(text).not.toMatch(internals);
            const problem = JSON.parse(text) as { code: ErrorCode; title: string };
            expect(problem.title).toBe(errorCodes[problem.code].title[language]);
            const after = await stateNow(state[0]?.asOf);
            const changed = state.flatMap((before, index) => {
              const now = after[index];
              return now ? changedTables(before, now) : [];
            });
            expect(changed, `${response.status} ${text}`).toEqual([]);
          } else {
            await response.body?.cancel();
            if (mayEndTheSession(template)) fuzzer = await signIn(fuzzerUser, { password });
            state = await stateNow();
          }
        }),
        { numRuns: runs },
      );
    },
  );
});
