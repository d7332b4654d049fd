import type { LocalizedText } from '../i18n';

/** Messages of the transaction routes: recording, finding and numbering sales. */
export const transactionsMessages = {
  'sales.storeNotFound': {
    id: 'Toko tidak ditemukan: {storeId}.',
    en: 'Store not found: {storeId}.',
  },
  'sales.storeNotAssigned': {
    id: 'Anda tidak ditugaskan di toko ini.',
    en: 'You are not assigned to this store.',
  },
  'sales.variantNotFound': {
    id: 'Produk tidak ditemukan atau tidak aktif: {variantId}.',
    en: 'Product not found or not active: {variantId}.',
  },
  'sales.totalMismatch': {
    id: 'Total dari kasir ({expected}) berbeda dengan total server ({computed}).',
    en: "The till's total ({expected}) differs from the server's ({computed}).",
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
