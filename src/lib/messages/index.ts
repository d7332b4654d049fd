import { interpolate, type Language, type LocalizedText } from '../i18n';
import { administrationMessages } from './administration';
import { catalogMessages } from './catalog';
import { diningMessages } from './dining';
import { inventoryMessages } from './inventory';
import { monitoringMessages } from './monitoring';
import { receiptsMessages } from './receipts';
import { reportsMessages } from './reports';
import { salesMessages } from './sales';
import { shiftsMessages } from './shifts';
import { syncMessages } from './sync';

/**
 * Every sentence the API says to people, in both languages. Error titles live with their codes
 * in errors.ts; this catalog holds the details and validation messages that name a situation.
 */
const coreMessages = {
  'request.malformedJson': {
    id: 'Isi permintaan bukan JSON yang valid.',
    en: 'The request body is not valid JSON.',
  },
  'request.unsupportedMediaType': {
    id: 'Jenis konten harus application/json.',
    en: 'The content type must be application/json.',
  },
  'request.unsupportedEncoding': {
    id: 'Content-Encoding {encoding} tidak didukung di alamat ini.',
    en: 'Content-Encoding {encoding} is not accepted here.',
  },
  'request.malformedGzip': {
    id: 'Isi permintaan bukan data gzip yang valid.',
    en: 'The request body is not valid gzip data.',
  },
  'request.jsonTooDeep': {
    id: 'Isi permintaan bersarang lebih dari {limit} tingkat.',
    en: 'The request body nests deeper than {limit} levels.',
  },
  'request.payloadTooLarge': {
    id: 'Isi permintaan melebihi batas {limit}.',
    en: 'The request body exceeds the {limit} limit.',
  },
  'request.routeNotFound': {
    id: 'Alamat {path} tidak ditemukan.',
    en: 'There is no resource at {path}.',
  },
  'request.methodNotAllowed': {
    id: 'Metode {method} tidak didukung untuk {path}. Gunakan: {allowed}.',
    en: 'Method {method} is not supported for {path}. Use: {allowed}.',
  },
  'request.validationFailed': {
    id: 'Ada {count} kesalahan pada data yang dikirim.',
    en: 'The request has {count} invalid field(s).',
  },
  'request.unknownParameter': {
    id: 'Parameter tidak dikenal: {name}.',
    en: 'Unknown parameter: {name}.',
  },
  'request.versionRequired': {
    id: 'Sertakan versi data yang Anda ubah (field version atau header If-Match).',
    en: 'Send the version you edited (the version field or an If-Match header).',
  },
  'request.staleVersion': {
    id: 'Data sudah diubah orang lain (versi sekarang {current}). Lihat data terbaru lalu coba lagi.',
    en: 'Someone else changed this record (current version {current}). Review it and try again.',
  },
  'server.internalError': {
    id: 'Terjadi kesalahan pada server. Sebutkan kode permintaan {requestId} saat menghubungi dukungan.',
    en: 'Something went wrong on our side. Quote request id {requestId} when contacting support.',
  },
  'server.storeUnavailable': {
    id: 'Toko sedang sibuk atau dimulai ulang. Coba lagi sebentar lagi.',
    en: 'The store is busy or restarting. Please try again shortly.',
  },
  'server.databaseUnavailable': {
    id: 'Basis data sedang tidak dapat dijangkau. Coba lagi sebentar lagi.',
    en: 'The database cannot be reached right now. Please try again shortly.',
  },
  'server.busy': {
    id: 'Server sedang sibuk melayani permintaan lain atas data yang sama. Coba lagi sebentar lagi.',
    en: 'The server is busy with other requests on the same data. Please try again shortly.',
  },
  'database.duplicate': {
    id: 'Data yang sama sudah ada (terkirim dua kali atau bertabrakan dengan permintaan lain). Muat ulang lalu coba lagi.',
    en: 'This record already exists (sent twice, or it met another request). Reload and try again.',
  },
  'database.referenceMissing': {
    id: 'Data yang dirujuk permintaan ini tidak ditemukan.',
    en: 'Something this request refers to does not exist.',
  },
  'database.stillReferenced': {
    id: 'Data ini masih dipakai oleh data lain sehingga tidak dapat dihapus.',
    en: 'This record is still used by other records and cannot be removed.',
  },
  'database.refused': {
    id: 'Data ini melanggar aturan penyimpanan.',
    en: 'The data breaks a storage rule.',
  },
  'database.invalidValue': {
    id: 'Ada nilai yang tidak dapat disimpan (di luar jangkauan atau formatnya salah).',
    en: 'A value cannot be stored (out of range or malformed).',
  },
  'auth.tokenMissing': {
    id: 'Permintaan ini memerlukan token akses (Authorization: Bearer …).',
    en: 'This request needs an access token (Authorization: Bearer …).',
  },
  'auth.tokenInvalid': {
    id: 'Token akses tidak valid atau sudah kedaluwarsa. Perbarui token lalu coba lagi.',
    en: 'The access token is invalid or has expired. Refresh it and try again.',
  },
  'auth.sessionEnded': {
    id: 'Sesi perangkat ini telah berakhir. Silakan masuk kembali.',
    en: 'This device session has ended. Please sign in again.',
  },
  'auth.accountDisabled': {
    id: 'Akun ini telah dinonaktifkan. Hubungi pemilik usaha.',
    en: 'This account has been deactivated. Contact the business owner.',
  },
  'auth.companySuspended': {
    id: 'Akun usaha ini sedang ditangguhkan. Hubungi dukungan kasir-edge.',
    en: 'This business account is suspended. Contact kasir-edge support.',
  },
  'auth.permissionMissing': {
    id: 'Anda tidak memiliki izin untuk tindakan ini ({permission}).',
    en: 'You are not allowed to do this ({permission}).',
  },
  'auth.storeNotAssigned': {
    id: 'Anda tidak ditugaskan di toko ini.',
    en: 'You are not assigned to this store.',
  },
  'auth.invalidCredentials': {
    id: 'Email/nomor HP atau kata sandi salah.',
    en: 'The e-mail/phone number or password is incorrect.',
  },
  'auth.lockedOut': {
    id: 'Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit.',
    en: 'Too many failed sign-in attempts. Try again in {minutes} minute(s).',
  },
  'auth.refreshInvalid': {
    id: 'Token penyegaran tidak valid atau sudah kedaluwarsa. Silakan masuk kembali.',
    en: 'The refresh token is invalid or has expired. Please sign in again.',
  },
  'auth.roleRefusedHere': {
    id: 'Akun dengan peran {role} tidak dapat masuk ke konsol. Kasir berjualan dari aplikasi kasir.',
    en: 'An account with the {role} role cannot sign in to the console. Cashiers sell from the till app.',
  },
  'auth.consoleCookieMissing': {
    id: 'Sesi konsol tidak ditemukan di peramban ini. Silakan masuk.',
    en: 'No console session was found in this browser. Please sign in.',
  },
  'auth.consoleOriginRefused': {
    id: 'Permintaan ini hanya diterima dari konsol kasir-edge.',
    en: 'This request is accepted only from the kasir-edge console.',
  },
  'auth.refreshReused': {
    id: 'Token penyegaran ini sudah pernah dipakai. Demi keamanan, sesi perangkat ini diakhiri; silakan masuk kembali.',
    en: 'This refresh token was already used. For safety this device session has been ended; please sign in again.',
  },
  'auth.fingerprintMismatch': {
    id: 'Token penyegaran ini milik perangkat lain.',
    en: 'This refresh token belongs to another device.',
  },
  'auth.approvalInvalid': {
    id: 'Persetujuan manajer tidak valid: PIN/kata sandi salah atau manajer tidak berwenang.',
    en: 'The manager approval is invalid: wrong PIN/password or the manager is not allowed.',
  },
  'sessions.notFound': {
    id: 'Sesi perangkat tidak ditemukan.',
    en: 'Device session not found.',
  },
  'users.notFound': {
    id: 'Pengguna tidak ditemukan.',
    en: 'User not found.',
  },
  'users.roleNotAllowed': {
    id: 'Anda tidak boleh mengelola pengguna dengan peran {role}.',
    en: 'You may not manage a user with the {role} role.',
  },
  'users.permissionsOwnerOnly': {
    id: 'Hanya pemilik yang dapat mengubah izin per pengguna.',
    en: 'Only an owner can change per-user permissions.',
  },
  'users.loginTaken': {
    id: 'Email atau nomor HP ini sudah dipakai pengguna lain.',
    en: 'This e-mail or phone number is already used by another user.',
  },
  'users.lastOwner': {
    id: 'Pemilik aktif terakhir tidak dapat dinonaktifkan atau diturunkan perannya.',
    en: 'The last active owner cannot be deactivated or given another role.',
  },
  'users.selfDeactivation': {
    id: 'Anda tidak dapat menonaktifkan akun Anda sendiri.',
    en: 'You cannot deactivate your own account.',
  },
  'users.staleVersion': {
    id: 'Data pengguna sudah diubah orang lain (versi {current}). Muat ulang lalu coba lagi.',
    en: 'The user was changed by someone else (version {current}). Reload and try again.',
  },
  'users.unknownStore': {
    id: 'Toko tidak ditemukan: {storeId}.',
    en: 'Store not found: {storeId}.',
  },
  'operations.deadJobNotFound': {
    id: 'Pesan antrean mati tidak ditemukan.',
    en: 'Dead queue message not found.',
  },
  'operations.backupNotFound': {
    id: 'Cadangan tidak ditemukan.',
    en: 'Backup not found.',
  },
  'request.rateLimited': {
    id: 'Terlalu banyak permintaan. Coba lagi dalam {seconds} detik; data yang belum terkirim tetap aman.',
    en: 'Too many requests. Try again in {seconds} seconds; anything not sent yet is kept.',
  },
  'request.invalidCursor': {
    id: 'Kursor halaman tidak valid.',
    en: 'The page cursor is invalid.',
  },
  'validation.unstorableText': {
    id: 'Teks berisi karakter yang tidak dapat disimpan (NUL atau surrogate UTF-16 tunggal).',
    en: 'The text holds a character that cannot be stored (NUL or a lone UTF-16 surrogate).',
  },
  'validation.loginRequired': {
    id: 'Isi email atau nomor HP.',
    en: 'Provide an e-mail address or a phone number.',
  },
  'validation.passwordLength': {
    id: 'Kata sandi harus 8–128 karakter.',
    en: 'The password must be 8–128 characters long.',
  },
  'validation.pinFormat': {
    id: 'PIN harus 4–8 angka.',
    en: 'The PIN must be 4–8 digits.',
  },
  'validation.phoneFormat': {
    id: 'Nomor HP harus format Indonesia, mis. 081234567890 atau +6281234567890.',
    en: 'The phone number must be Indonesian, e.g. 081234567890 or +6281234567890.',
  },
  'validation.contactPhoneFormat': {
    id: 'Nomor telepon berisi angka (boleh diawali +, dengan spasi, titik, tanda hubung atau kurung), 6–24 karakter.',
    en: 'A phone number is digits (optionally after +, with spaces, dots, dashes or brackets), 6–24 characters.',
  },
  'validation.timeRange': {
    id: 'Waktu akhir harus sesudah waktu awal.',
    en: 'The end time must come after the start time.',
  },
  'validation.unknownPermission': {
    id: 'Izin tidak dikenal.',
    en: 'Unknown permission.',
  },
} satisfies Record<string, LocalizedText>;

export const messages = {
  ...coreMessages,
  ...catalogMessages,
  ...inventoryMessages,
  ...salesMessages,
  ...shiftsMessages,
  ...diningMessages,
  ...receiptsMessages,
  ...reportsMessages,
  ...monitoringMessages,
  ...syncMessages,
  ...administrationMessages,
};

export type MessageKey = keyof typeof messages;

export interface Message {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(messages, value);
}

export function translate(message: Message, language: Language): string {
  return interpolate(messages[message.key][language], message.params);
}
