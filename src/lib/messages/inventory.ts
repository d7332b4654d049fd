import type { LocalizedText } from '../i18n';

/** Messages of the inventory routes and services (keys start with 'inventory.'). */
export const inventoryMessages = {
  'inventory.storeNotFound': {
    id: 'Toko tidak ditemukan: {storeId}.',
    en: 'Store not found: {storeId}.',
  },
  'inventory.variantNotFound': {
    id: 'Varian produk tidak ditemukan: {variantId}.',
    en: 'Product variant not found: {variantId}.',
  },
  'inventory.variantNotTracked': {
    id: 'Stok varian {variantId} tidak dilacak.',
    en: 'Variant {variantId} does not track stock.',
  },
  'inventory.insufficientStock': {
    id: 'Stok tidak mencukupi untuk varian {variantId} (tersedia {available}).',
    en: 'Insufficient stock for variant {variantId} ({available} available).',
  },
  'inventory.sameStore': {
    id: 'Toko asal dan toko tujuan harus berbeda.',
    en: 'The source and destination stores must differ.',
  },
  'inventory.duplicateVariant': {
    id: 'Setiap varian hanya boleh muncul sekali.',
    en: 'Each variant may appear only once.',
  },
  'inventory.quantityNonZero': {
    id: 'Jumlah perubahan tidak boleh nol.',
    en: 'The quantity change must not be zero.',
  },
  'notifications.notFound': {
    id: 'Notifikasi tidak ditemukan.',
    en: 'Notification not found.',
  },
} satisfies Record<string, LocalizedText>;
