import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { hashPassword } from '../../src/auth/passwords';
import * as schema from '../../src/db/schema';
import {
  type DemoLogin,
  type DemoTenant,
  demoModifierGroups,
  demoModifierOptions,
  demoPassword,
  demoProductModifierGroups,
  demoStorePriceHistory,
  demoStorePrices,
  demoTables,
  demoTenants,
  platformAdminLogin,
  platformCompany,
} from './demo-data';

interface SeededStore {
  code: string;
  name: string;
  timezone: string;
}

export interface SeedSummary {
  /** Every demo tenant, with its stores. */
  companies: Array<{ name: string; stores: SeededStore[]; products: number }>;
  /** Every demo login, each labelled with the name of its company. */
  logins: Array<{ company: string; email: string; phone?: string; role: string; pin?: string }>;
  password: string;
}

async function withHashes({ user, pin }: DemoLogin) {
  return {
    ...user,
    passwordHash: await hashPassword(demoPassword),
    pinHash: pin ? await hashPassword(pin) : null,
  };
}

/**
 * Seeds the demo tenants and the platform company in one transaction. Every row has a fixed id
 * and is inserted with ON CONFLICT DO NOTHING, so running it again (every `npm run dev`) changes
 * nothing. Stores get their first `store_settings` row from the database's own trigger (0011).
 */
export async function seedDemoData(databaseUrl: string): Promise<SeedSummary> {
  const client = new pg.Client({ connectionString: databaseUrl });
  const labelledLogins = [
    ...demoTenants.flatMap((tenant) =>
      tenant.logins.map((login) => ({ company: tenant.company.name, login })),
    ),
    { company: platformCompany.name, login: platformAdminLogin },
  ];
  const userRows = await Promise.all(labelledLogins.map(({ login }) => withHashes(login)));
  await client.connect();
  try {
    const db = drizzle({ client, schema });
    await db.transaction(async (tx) => {
      for (const tenant of demoTenants) {
        await tx.insert(schema.companies).values(tenant.company).onConflictDoNothing();
        await tx.insert(schema.stores).values(tenant.stores).onConflictDoNothing();
        await tx.insert(schema.categories).values(tenant.categories).onConflictDoNothing();
        await tx
          .insert(schema.products)
          .values(tenant.products.map(({ product }) => product))
          .onConflictDoNothing();
        await tx
          .insert(schema.productVariants)
          .values(tenant.products.flatMap(({ variants }) => variants))
          .onConflictDoNothing();
        await tx.insert(schema.priceHistory).values(tenant.priceHistory).onConflictDoNothing();
        await tx
          .insert(schema.inventoryLevels)
          .values(tenant.stock.map(({ level }) => level))
          .onConflictDoNothing();
        await tx
          .insert(schema.stockMovements)
          .values(tenant.stock.map(({ movement }) => movement))
          .onConflictDoNothing();
        await tx
          .insert(schema.receiptTemplates)
          .values(tenant.receiptTemplate)
          .onConflictDoNothing();
      }
      await tx.insert(schema.storePrices).values(demoStorePrices).onConflictDoNothing();
      await tx.insert(schema.modifierGroups).values(demoModifierGroups).onConflictDoNothing();
      await tx.insert(schema.modifierOptions).values(demoModifierOptions).onConflictDoNothing();
      await tx
        .insert(schema.productModifierGroups)
        .values(demoProductModifierGroups)
        .onConflictDoNothing();
      await tx.insert(schema.diningTables).values(demoTables).onConflictDoNothing();
      await tx.insert(schema.priceHistory).values(demoStorePriceHistory).onConflictDoNothing();
      await tx.insert(schema.companies).values(platformCompany).onConflictDoNothing();
      await tx.insert(schema.users).values(userRows).onConflictDoNothing();
      await tx
        .insert(schema.userStoreAssignments)
        .values(demoTenants.flatMap((tenant) => tenant.storeAssignments))
        .onConflictDoNothing();
    });
  } finally {
    await client.end();
  }
  const storesOf = (rows: DemoTenant['stores']) =>
    rows.map(({ code, name, timezone }) => ({ code, name, timezone }));
  return {
    companies: demoTenants.map((tenant) => ({
      name: tenant.company.name,
      stores: storesOf(tenant.stores),
      products: tenant.products.length,
    })),
    logins: labelledLogins.map(({ company, login: { user, pin } }) => ({
      company,
      email: user.email ?? '',
      ...(user.phone ? { phone: user.phone } : {}),
      role: user.role,
      ...(pin ? { pin } : {}),
    })),
    password: demoPassword,
  };
}
