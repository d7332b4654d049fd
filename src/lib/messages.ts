import { interpolate, type Language, type LocalizedText } from './i18n';

/**
 * Every sentence the API says to people, in both languages. Error titles live with their codes
 * in errors.ts; this catalog holds the details and validation messages that name a situation.
 */
export const messages = {
  'request.malformedJson': {
    id: 'Isi permintaan bukan JSON yang valid.',
    en: 'The request body is not valid JSON.',
  },
  'request.unsupportedMediaType': {
    id: 'Jenis konten harus application/json.',
    en: 'The content type must be application/json.',
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
  'server.internalError': {
    id: 'Terjadi kesalahan pada server. Sebutkan kode permintaan {requestId} saat menghubungi dukungan.',
    en: 'Something went wrong on our side. Quote request id {requestId} when contacting support.',
  },
  'server.databaseUnavailable': {
    id: 'Basis data sedang tidak dapat dijangkau. Coba lagi sebentar lagi.',
    en: 'The database cannot be reached right now. Please try again shortly.',
  },
} satisfies Record<string, LocalizedText>;

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
