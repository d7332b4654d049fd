/** The origins of CORS_ORIGINS (comma-separated): the console's deployments and the local ones. */
export function allowedOrigins(value: string | undefined): Set<string> {
  return new Set(
    (value ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  );
}
