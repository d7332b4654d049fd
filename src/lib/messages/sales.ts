import type { LocalizedText } from '../i18n';

/** Messages of sales: recording, pricing, finding, numbering, voiding and refunding them. */
export const salesMessages = {
  'sales.invalidAmount': {
    id: '{field} harus berupa jumlah rupiah bulat yang tidak negatif.',
    en: '{field} must be a whole, non-negative rupiah amount.',
  },
  'sales.invalidQuantity': {
    id: 'Jumlah barang pada {field} harus bilangan bulat positif.',
    en: 'The quantity in {field} must be a positive whole number.',
  },
  'sales.noItems': {
    id: 'Transaksi harus berisi setidaknya satu barang.',
    en: 'A sale needs at least one item.',
  },
  'sales.amountTooLarge': {
    id: 'Jumlah transaksi terlalu besar untuk dihitung.',
    en: 'The sale amounts are too large to compute.',
  },
  'sales.lineDiscountTooLarge': {
    id: 'Diskon barang ke-{line} ({discount}) melebihi harganya ({gross}).',
    en: 'The discount on line {line} ({discount}) exceeds its price ({gross}).',
  },
  'sales.orderDiscountTooLarge': {
    id: 'Diskon transaksi ({discount}) melebihi subtotal setelah diskon barang ({subtotal}).',
    en: 'The order discount ({discount}) exceeds the subtotal after line discounts ({subtotal}).',
  },
  'sales.invalidPricingSettings': {
    id: 'Pengaturan pajak, biaya layanan atau pembulatan toko tidak valid ({setting}).',
    en: "The store's tax, service charge or rounding settings are invalid ({setting}).",
  },
  'sales.insufficientPayment': {
    id: 'Uang yang dibayarkan kurang {shortfall}.',
    en: 'The amount paid is not enough: {shortfall} short.',
  },
  'sales.nonCashExceedsTotal': {
    id: 'Pembayaran non-tunai ({paid}) melebihi total ({total}). Hanya pembayaran tunai yang dapat memberi kembalian.',
    en: 'The non-cash payments ({paid}) exceed the total ({total}). Only cash can be given change.',
  },
  'sales.nonCashChange': {
    id: 'Pembayaran {method} tidak dapat memberi kembalian: jumlah diterima harus sama dengan jumlahnya.',
    en: 'A {method} payment cannot be given change: the amount tendered must equal its amount.',
  },
  'sales.paymentAmountRequired': {
    id: 'Pembayaran tunai perlu jumlah uang yang diterima (tendered); non-tunai perlu jumlah (amount).',
    en: 'A cash payment needs the amount tendered; a non-cash payment needs its amount.',
  },

  'sales.storeNotFound': {
    id: 'Toko tidak ditemukan: {storeId}.',
    en: 'Store not found: {storeId}.',
  },
  'sales.variantNotFound': {
    id: 'Produk tidak ditemukan atau tidak aktif: {variantId}.',
    en: 'Product not found or not active: {variantId}.',
  },
  'sales.totalMismatch': {
    id: 'Total dari kasir ({expected}) berbeda dengan total server ({computed}).',
    en: "The till's total ({expected}) differs from the server's ({computed}).",
  },
  'sales.modifierRepeated': {
    id: 'Opsi modifier yang sama dipilih lebih dari sekali di satu baris.',
    en: 'The same modifier option is chosen more than once on one line.',
  },
  'sales.modifierUnknown': {
    id: 'Opsi {optionId} bukan opsi grup modifier produk {product}.',
    en: 'Option {optionId} is not an option of a modifier group of {product}.',
  },
  'sales.modifierInactive': {
    id: 'Opsi "{option}" ({group}) sedang tidak aktif.',
    en: 'The option "{option}" ({group}) is not active.',
  },
  'sales.modifierSelections': {
    id: '{product}: grup "{group}" perlu {min}–{max} pilihan, dipilih {chosen}.',
    en: '{product}: the group "{group}" takes {min}–{max} choice(s); {chosen} chosen.',
  },
  'sales.idReused': {
    id: 'ID transaksi ini sudah dipakai untuk transaksi lain.',
    en: 'This transaction id was already used for a different sale.',
  },
  'sales.notFound': {
    id: 'Transaksi tidak ditemukan.',
    en: 'Transaction not found.',
  },
  'sales.notVoidable': {
    id: 'Transaksi berstatus {status} tidak dapat dibatalkan.',
    en: 'A transaction with status {status} cannot be voided.',
  },
  'sales.notRefundable': {
    id: 'Transaksi berstatus {status} tidak dapat dikembalikan dananya.',
    en: 'A transaction with status {status} cannot be refunded.',
  },
  'sales.refundExceedsSold': {
    id: 'Jumlah pengembalian melebihi jumlah terjual pada baris {lineNumber}.',
    en: 'The refund exceeds the quantity sold on line {lineNumber}.',
  },
  'sales.refundLineUnknown': {
    id: 'Baris {lineNumber} tidak ada pada transaksi ini.',
    en: 'Line {lineNumber} is not part of this transaction.',
  },
  'sales.refundPaymentMismatch': {
    id: 'Uang yang dikembalikan ({paid}) harus sama dengan nilai pengembalian ({amount}).',
    en: 'The money returned ({paid}) must equal the refund amount ({amount}).',
  },
} satisfies Record<string, LocalizedText>;
