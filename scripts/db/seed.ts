import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { hashPassword } from '../../src/auth/passwords';
import * as schema from '../../src/db/schema';
import {
  type DemoLogin,
  demoCategories,
  demoCompany,
  demoLogins,
  demoPassword,
  demoPriceHistory,
  demoProducts,
  demoReceiptTemplate,
  demoStock,
  demoStoreAssignments,
  demoStorePriceHistory,
  demoStorePrices,
  demoStores,
  platformAdminLogin,
  platformCompany,
} from './demo-data';

export interface SeedSummary {
  company: string;
  stores: Array<{ code: string; name: string; timezone: string }>;
  products: number;
  logins: Array<{ email: string; role: string; pin?: string }>;
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
 * Seeds the demo company in one transaction. Every row has a fixed id and is inserted with
 * ON CONFLICT DO NOTHING, so running it again (every `npm run dev`) changes nothing.
 */
export async function seedDemoData(databaseUrl: string): Promise<SeedSummary> {
  const client = new pg.Client({ connectionString: databaseUrl });
  const allLogins = [...demoLogins, platformAdminLogin];
  const userRows = await Promise.all(allLogins.map(withHashes));
  await client.connect();
  try {
    const db = drizzle({ client, schema });
    await db.transaction(async (tx) => {
      await tx.insert(schema.companies).values(demoCompany).onConflictDoNothing();
      await tx.insert(schema.stores).values(demoStores).onConflictDoNothing();
      await tx.insert(schema.categories).values(demoCategories).onConflictDoNothing();
      await tx
        .insert(schema.products)
        .values(demoProducts.map(({ product }) => product))
        .onConflictDoNothing();
      await tx
        .insert(schema.productVariants)
        .values(demoProducts.flatMap(({ variants }) => variants))
        .onConflictDoNothing();
      await tx.insert(schema.priceHistory).values(demoPriceHistory).onConflictDoNothing();
      await tx.insert(schema.storePrices).values(demoStorePrices).onConflictDoNothing();
      await tx.insert(schema.priceHistory).values(demoStorePriceHistory).onConflictDoNothing();
      await tx
        .insert(schema.inventoryLevels)
        .values(demoStock.map(({ level }) => level))
        .onConflictDoNothing();
      await tx
        .insert(schema.stockMovements)
        .values(demoStock.map(({ movement }) => movement))
        .onConflictDoNothing();
      await tx.insert(schema.receiptTemplates).values(demoReceiptTemplate).onConflictDoNothing();
      await tx.insert(schema.companies).values(platformCompany).onConflictDoNothing();
      await tx.insert(schema.users).values(userRows).onConflictDoNothing();
      await tx
        .insert(schema.userStoreAssignments)
        .values(demoStoreAssignments)
        .onConflictDoNothing();
    });
  } finally {
    await client.end();
  }
  return {
    company: demoCompany.name,
    stores: demoStores.map(({ code, name, timezone }) => ({ code, name, timezone })),
    products: demoProducts.length,
    logins: allLogins.map(({ user, pin }) => ({
      email: user.email ?? '',
      role: user.role,
      ...(pin ? { pin } : {}),
    })),
    password: demoPassword,
  };
}
