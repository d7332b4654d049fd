import type {
  categories,
  companies,
  inventoryLevels,
  priceHistory,
  products,
  productVariants,
  receiptTemplates,
  stockMovements,
  storePrices,
  stores,
  userStoreAssignments,
  users,
} from '../../src/db/schema';

/**
 * The demo company that `npm run dev` seeds: a coffee chain with one outlet in Jakarta (WIB)
 * and one in Bali (WITA), each with its own tax and rounding settings. Ids are fixed so seeding
 * again changes nothing.
 */
const demoId = (group: number, index: number) =>
  `00000000-0000-7000-8000-${String(group).padStart(4, '0')}${String(index).padStart(8, '0')}`;

export const demoCompany = {
  id: demoId(1, 1),
  name: 'Kopi Nusantara (Demo)',
  legalName: 'PT Kopi Nusantara Demo',
  npwp: '0012345678901000',
} satisfies typeof companies.$inferInsert;

export const demoStores = [
  {
    id: demoId(2, 1),
    companyId: demoCompany.id,
    code: 'JKT01',
    name: 'Kopi Nusantara Kemang',
    address: 'Jl. Kemang Raya No. 10, Jakarta Selatan',
    timezone: 'Asia/Jakarta',
    taxRegime: 'pbjt',
    taxRateBasisPoints: 1000,
    serviceChargeBasisPoints: 500,
    serviceChargeTaxable: true,
    pricesIncludeTax: false,
    cashRoundingStep: 100,
    nonCashRoundingStep: 0,
    businessDayCutoffHour: 4,
  },
  {
    id: demoId(2, 2),
    companyId: demoCompany.id,
    code: 'DPS01',
    name: 'Kopi Nusantara Seminyak',
    address: 'Jl. Kayu Aya No. 8, Badung, Bali',
    timezone: 'Asia/Makassar',
    taxRegime: 'pbjt',
    taxRateBasisPoints: 1000,
    serviceChargeBasisPoints: 0,
    serviceChargeTaxable: false,
    pricesIncludeTax: true,
    cashRoundingStep: 500,
    nonCashRoundingStep: 0,
    businessDayCutoffHour: 2,
  },
] satisfies (typeof stores.$inferInsert)[];

const drinks = demoId(3, 1);
const coffee = demoId(3, 2);
const nonCoffee = demoId(3, 3);
const food = demoId(3, 4);

export const demoCategories = [
  { id: drinks, name: 'Minuman', parentId: null, sortOrder: 1 },
  { id: coffee, name: 'Kopi', parentId: drinks, sortOrder: 1 },
  { id: nonCoffee, name: 'Non-Kopi', parentId: drinks, sortOrder: 2 },
  { id: food, name: 'Makanan', parentId: null, sortOrder: 2 },
].map((category) => ({
  ...category,
  companyId: demoCompany.id,
})) satisfies (typeof categories.$inferInsert)[];

interface DemoProduct {
  product: typeof products.$inferInsert;
  variants: (typeof productVariants.$inferInsert)[];
}

function demoProduct(
  index: number,
  fields: Omit<typeof products.$inferInsert, 'id' | 'companyId'>,
  variants: Array<{ name: string; optionValues?: Record<string, string>; priceOverride?: number }>,
): DemoProduct {
  const productId = demoId(4, index);
  return {
    product: { id: productId, companyId: demoCompany.id, ...fields },
    variants: variants.map((variant, variantIndex) => ({
      id: demoId(5, index * 10 + variantIndex),
      companyId: demoCompany.id,
      productId,
      name: variant.name,
      sku: variants.length === 1 ? fields.sku : `${fields.sku}-${variantIndex + 1}`,
      optionValues: variant.optionValues ?? {},
      priceOverride: variant.priceOverride ?? null,
      isDefault: variantIndex === 0,
    })),
  };
}

export const demoProducts: DemoProduct[] = [
  demoProduct(
    1,
    {
      categoryId: coffee,
      name: 'Es Kopi Susu',
      sku: 'KOP-001',
      price: 25_000,
      cost: 9_000,
      variantOptions: { Ukuran: ['Reguler', 'Besar'] },
    },
    [
      { name: 'Reguler', optionValues: { Ukuran: 'Reguler' } },
      { name: 'Besar', optionValues: { Ukuran: 'Besar' }, priceOverride: 30_000 },
    ],
  ),
  demoProduct(2, { categoryId: coffee, name: 'Kopi Tubruk', sku: 'KOP-002', price: 15_000 }, [
    { name: 'Kopi Tubruk' },
  ]),
  demoProduct(
    3,
    {
      categoryId: nonCoffee,
      name: 'Teh Tarik',
      sku: 'TEH-001',
      price: 18_000,
      variantOptions: { Suhu: ['Panas', 'Dingin'] },
    },
    [
      { name: 'Panas', optionValues: { Suhu: 'Panas' } },
      { name: 'Dingin', optionValues: { Suhu: 'Dingin' }, priceOverride: 20_000 },
    ],
  ),
  demoProduct(4, { categoryId: food, name: 'Croissant Cokelat', sku: 'MKN-001', price: 22_000 }, [
    { name: 'Croissant Cokelat' },
  ]),
  demoProduct(5, { categoryId: food, name: 'Pisang Goreng Keju', sku: 'MKN-002', price: 17_500 }, [
    { name: 'Pisang Goreng Keju' },
  ]),
];

/**
 * Starting prices in history, at the level they are set (see priceHistory in the schema): the
 * product price with no variant, and a variant row only where the variant overrides it.
 */
const priceStart = new Date('2026-01-01T00:00:00Z');
export const demoPriceHistory = demoProducts.flatMap(({ product, variants }, productIndex) => [
  {
    id: demoId(6, productIndex * 10),
    companyId: demoCompany.id,
    productId: product.id as string,
    variantId: null,
    storeId: null,
    oldPrice: null,
    newPrice: product.price,
    effectiveFrom: priceStart,
  },
  ...variants
    .filter((variant) => variant.priceOverride != null)
    .map((variant, variantIndex) => ({
      id: demoId(6, productIndex * 10 + variantIndex + 1),
      companyId: demoCompany.id,
      productId: product.id as string,
      variantId: variant.id as string,
      storeId: null,
      oldPrice: null,
      newPrice: variant.priceOverride ?? null,
      effectiveFrom: priceStart,
    })),
]) satisfies (typeof priceHistory.$inferInsert)[];

/** Bali charges more for the regular iced coffee: a store price, with its history row. */
const baliStore = demoStores[1]?.id as string;
const icedCoffee = demoProducts[0]?.product.id as string;
const icedCoffeeRegular = demoProducts[0]?.variants[0]?.id as string;
export const demoStorePrices = [
  {
    id: demoId(12, 1),
    companyId: demoCompany.id,
    storeId: baliStore,
    variantId: icedCoffeeRegular,
    price: 28_000,
  },
] satisfies (typeof storePrices.$inferInsert)[];
export const demoStorePriceHistory = [
  {
    id: demoId(6, 999),
    companyId: demoCompany.id,
    productId: icedCoffee,
    variantId: icedCoffeeRegular,
    storeId: baliStore,
    oldPrice: null,
    newPrice: 28_000,
    effectiveFrom: priceStart,
  },
] satisfies (typeof priceHistory.$inferInsert)[];

const openingStock = 50;
const lowStockThreshold = 10;

/** Opening stock arrives as a receiving movement, so each level equals the sum of its movements. */
export const demoStock = demoStores.flatMap((store, storeIndex) =>
  demoProducts.flatMap(({ variants }) =>
    variants.map((variant) => {
      const key = storeIndex * 1000 + Number((variant.id as string).slice(-8));
      return {
        level: {
          id: demoId(7, key),
          companyId: demoCompany.id,
          storeId: store.id,
          variantId: variant.id as string,
          quantity: openingStock,
          minimumQuantity: lowStockThreshold,
        } satisfies typeof inventoryLevels.$inferInsert,
        movement: {
          id: demoId(8, key),
          companyId: demoCompany.id,
          storeId: store.id,
          variantId: variant.id as string,
          kind: 'receiving',
          quantityDelta: openingStock,
          reason: 'Stok awal demo',
        } satisfies typeof stockMovements.$inferInsert,
      };
    }),
  ),
);

export const demoReceiptTemplate = {
  id: demoId(9, 1),
  companyId: demoCompany.id,
  storeId: null,
  name: 'Struk standar',
  paperWidthMm: 58,
  header: 'Kopi Nusantara',
  footer: 'Terima kasih atas kunjungan Anda',
} satisfies typeof receiptTemplates.$inferInsert;

/** The password of every demo login; printed by `npm run dev`, documented in the README. */
export const demoPassword = 'kasir-demo-2026';

export interface DemoLogin {
  user: Omit<typeof users.$inferInsert, 'passwordHash' | 'pinHash'>;
  pin?: string;
  storeIds: string[];
}

export const demoLogins: DemoLogin[] = [
  {
    user: {
      id: demoId(10, 1),
      companyId: demoCompany.id,
      name: 'Sari Wulandari',
      email: 'pemilik@kopinusantara.test',
      phone: '+6281200000001',
      role: 'owner',
    },
    storeIds: [],
  },
  {
    user: {
      id: demoId(10, 2),
      companyId: demoCompany.id,
      name: 'Budi Santoso',
      email: 'manajer@kopinusantara.test',
      phone: '+6281200000002',
      role: 'manager',
    },
    pin: '2468',
    storeIds: demoStores.map((store) => store.id),
  },
  {
    user: {
      id: demoId(10, 3),
      companyId: demoCompany.id,
      name: 'Rina Kasir',
      email: 'kasir@kopinusantara.test',
      phone: '+6281200000003',
      role: 'cashier',
    },
    storeIds: demoStores.slice(0, 1).map((store) => store.id),
  },
];

export const demoStoreAssignments = demoLogins.flatMap(({ user, storeIds }, loginIndex) =>
  storeIds.map((storeId, storeIndex) => ({
    id: demoId(11, loginIndex * 10 + storeIndex),
    companyId: demoCompany.id,
    userId: user.id as string,
    storeId,
  })),
) satisfies (typeof userStoreAssignments.$inferInsert)[];

/** Our operators' own company; its users are the platform admins of the admin console. */
export const platformCompany = {
  id: demoId(1, 9),
  name: 'kasir-edge Operations',
  kind: 'platform',
} satisfies typeof companies.$inferInsert;

export const platformAdminLogin: DemoLogin = {
  user: {
    id: demoId(10, 9),
    companyId: platformCompany.id,
    name: 'Operator Demo',
    email: 'operator@kasir-edge.test',
    role: 'platform_admin',
  },
  storeIds: [],
};
