import type { LocalizedText } from '../i18n';

/** Messages of the catalog routes and services (keys start with 'catalog.'). */
export const catalogMessages = {
  'catalog.categoryNotFound': {
    id: 'Kategori tidak ditemukan.',
    en: 'Category not found.',
  },
  'catalog.unknownCategory': {
    id: 'Kategori tidak ditemukan: {categoryId}.',
    en: 'Category not found: {categoryId}.',
  },
  'catalog.categoryTooDeep': {
    id: 'Kategori paling banyak {max} tingkat.',
    en: 'Categories can be at most {max} levels deep.',
  },
  'catalog.categoryCycle': {
    id: 'Kategori tidak dapat dipindahkan ke bawah dirinya sendiri atau turunannya.',
    en: 'A category cannot be moved under itself or one of its descendants.',
  },
  'catalog.categoryInUse': {
    id: 'Kategori masih berisi {products} produk aktif dan {children} subkategori. Pindahkan atau hapus dulu.',
    en: 'The category still holds {products} active product(s) and {children} subcategory(ies). Move or delete them first.',
  },
  'catalog.modifierGroupNotFound': {
    id: 'Grup modifier tidak ditemukan.',
    en: 'Modifier group not found.',
  },
  'catalog.unknownModifierGroup': {
    id: 'Grup modifier {groupId} tidak ada di perusahaan ini.',
    en: 'Modifier group {groupId} does not exist in this company.',
  },
  'catalog.modifierSelectionsInvalid': {
    id: 'Pilihan minimal ({min}) tidak boleh melebihi maksimal ({max}).',
    en: 'The minimum selections ({min}) cannot exceed the maximum ({max}).',
  },
  'catalog.modifierMinAboveOptions': {
    id: 'Grup mewajibkan {min} pilihan tetapi hanya punya {active} opsi aktif.',
    en: 'The group requires {min} selection(s) but has only {active} active option(s).',
  },
  'catalog.modifierOptionNameTaken': {
    id: 'Nama opsi "{name}" dipakai dua kali di grup ini.',
    en: 'The option name "{name}" is used twice in this group.',
  },
  'catalog.modifierOptionNotFound': {
    id: 'Opsi modifier tidak ditemukan.',
    en: 'Modifier option not found.',
  },
  'catalog.unknownModifierOption': {
    id: 'Opsi {optionId} bukan opsi grup ini.',
    en: 'Option {optionId} is not an option of this group.',
  },
  'catalog.unknownStockVariant': {
    id: 'Varian stok {variantId} tidak ada di perusahaan ini.',
    en: 'Stock variant {variantId} does not exist in this company.',
  },
  'catalog.productNotFound': {
    id: 'Produk tidak ditemukan.',
    en: 'Product not found.',
  },
  'catalog.variantNotFound': {
    id: 'Varian produk tidak ditemukan.',
    en: 'Product variant not found.',
  },
  'catalog.storeNotFound': {
    id: 'Toko tidak ditemukan.',
    en: 'Store not found.',
  },
  'catalog.storePriceNotFound': {
    id: 'Varian ini tidak punya harga khusus di toko tersebut.',
    en: 'This variant has no price of its own in that store.',
  },
  'catalog.importRefused': {
    id: 'Tidak ada produk yang diimpor: {count} isian perlu diperbaiki.',
    en: 'No product was imported: {count} field(s) need fixing.',
  },
  'catalog.importRaced': {
    id: 'Salah satu SKU berkas ini baru saja dipakai produk lain. Tidak ada yang diimpor; coba lagi.',
    en: 'One of this file’s SKUs was just taken by another product. Nothing was imported; try again.',
  },
  'catalog.importSkuRepeated': {
    id: 'SKU {sku} sudah ada di baris {row} berkas ini.',
    en: 'SKU {sku} already appears on row {row} of this file.',
  },
  'catalog.importCategoryUnknown': {
    id: 'Kategori "{category}" tidak ada. Buat dulu kategorinya, atau kosongkan.',
    en: 'There is no category "{category}". Create it first, or leave it empty.',
  },
  'catalog.importCategoryAmbiguous': {
    id: 'Ada lebih dari satu kategori bernama "{category}".',
    en: 'More than one category is called "{category}".',
  },
  'catalog.skuTaken': {
    id: 'SKU {sku} sudah dipakai produk lain.',
    en: 'SKU {sku} is already used by another product.',
  },
  'catalog.variantSkuTaken': {
    id: 'SKU varian {sku} sudah dipakai.',
    en: 'Variant SKU {sku} is already in use.',
  },
  'catalog.variantDuplicate': {
    id: 'Kombinasi pilihan varian ini sudah ada.',
    en: 'A variant with this combination of options already exists.',
  },
  'catalog.variantCombinationInvalid': {
    id: 'Pilihan varian harus memilih tepat satu nilai yang terdaftar untuk setiap opsi produk.',
    en: "A variant must choose exactly one listed value for each of the product's options.",
  },
  'catalog.variantOptionsConflict': {
    id: 'Opsi varian baru tidak cocok dengan varian yang sudah ada. Ubah atau hapus varian tersebut dulu.',
    en: 'The new variant options do not fit the existing variants. Change or delete those variants first.',
  },
  'catalog.lastVariant': {
    id: 'Produk harus punya setidaknya satu varian.',
    en: 'A product must keep at least one variant.',
  },
  'catalog.priceInvalid': {
    id: 'Harga harus bilangan bulat rupiah antara 0 dan 1.000.000.000.',
    en: 'The price must be a whole number of rupiah between 0 and 1,000,000,000.',
  },
  'catalog.imageUrlHttps': {
    id: 'URL gambar harus alamat https yang valid.',
    en: 'The image URL must be a valid https address.',
  },
  'catalog.variantOptionsInvalid': {
    id: 'Opsi varian harus berupa peta nama opsi ke daftar nilai yang tidak kosong dan tidak berulang.',
    en: 'Variant options must map each option name to a non-empty list of distinct, non-empty values.',
  },
  'catalog.variantsRequired': {
    id: 'Produk dengan opsi varian harus menyertakan daftar varian.',
    en: 'A product with variant options must list its variants.',
  },
  'catalog.variantsWithoutOptions': {
    id: 'Produk tanpa opsi varian tidak boleh menyertakan daftar varian (varian bawaan dibuat otomatis).',
    en: 'A product without variant options takes no variant list (its default variant is made for it).',
  },
  'catalog.duplicateModifierGroup': {
    id: 'Grup modifier yang sama disebut lebih dari sekali.',
    en: 'The same modifier group appears more than once.',
  },
  'catalog.duplicateSku': {
    id: 'SKU ini dipakai lebih dari sekali dalam permintaan.',
    en: 'This SKU appears more than once in the request.',
  },
  'catalog.lowStockNeedsStore': {
    id: 'Filter lowStock memerlukan storeId.',
    en: 'The lowStock filter needs a storeId.',
  },
} satisfies Record<string, LocalizedText>;
