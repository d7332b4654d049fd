import { useSyncExternalStore } from 'react';
import { type MessageKey, messages } from './messages';

/** Bahasa Indonesia by default; English when the user switches (kept in this browser). */
export type Language = 'id' | 'en';

const storageKey = 'kasir-console-language';
const listeners = new Set<() => void>();

function stored(): Language {
  return localStorage.getItem(storageKey) === 'en' ? 'en' : 'id';
}

let current: Language = stored();
document.documentElement.lang = current;

export function currentLanguage(): Language {
  return current;
}

export function setLanguage(language: Language): void {
  current = language;
  localStorage.setItem(storageKey, language);
  document.documentElement.lang = language;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function translate(
  key: MessageKey,
  params: Record<string, string | number> = {},
  language: Language = current,
): string {
  const text = messages[key][language];
  return text.replace(/\{(\w+)\}/g, (_match, name: string) => String(params[name] ?? `{${name}}`));
}

/** The language and the translator, re-rendering when the user switches. */
export function useTranslation() {
  const language = useSyncExternalStore(subscribe, currentLanguage);
  return {
    language,
    t: (key: MessageKey, params?: Record<string, string | number>) =>
      translate(key, params, language),
  };
}
