/**
 * This browser as a device of the API: a random id kept in localStorage (not a secret: it only
 * names the device session, and the API keeps its hash), and a readable name for the sessions list.
 */
const storageKey = 'kasir-console-device';

export function deviceFingerprint(): string {
  let fingerprint = localStorage.getItem(storageKey);
  if (!fingerprint) {
    fingerprint = `console-${crypto.randomUUID()}`;
    localStorage.setItem(storageKey, fingerprint);
  }
  return fingerprint;
}

export function deviceName(): string {
  const agent = navigator.userAgent;
  const browser = /Edg\//.test(agent)
    ? 'Edge'
    : /Firefox\//.test(agent)
      ? 'Firefox'
      : /Chrome\//.test(agent)
        ? 'Chrome'
        : /Safari\//.test(agent)
          ? 'Safari'
          : 'Browser';
  return `Konsol · ${browser}`;
}
