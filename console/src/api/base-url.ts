/**
 * Where the API is. Empty locally: the Vite server proxies /api to the Worker, so the console
 * and the API share an origin. Deployed on Pages, VITE_API_URL names the API's origin.
 */
export const apiBaseUrl: string = (import.meta.env.VITE_API_URL as string | undefined) ?? '';
