import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateJwtSecrets } from './auth/jwt-keys';
import { migrateDatabase } from './db/migrate';
import { seedDemoData } from './db/seed';
import { projectRoot, startDevDatabase } from './local-db/database-target';
import { startConsoleServer, startWranglerDev, stopProcess } from './local-stack/processes';
import { prepareReferenceAssets } from './openapi/reference-assets';

/**
 * `npm run dev`: the whole local stack in one command. Postgres (embedded, or DATABASE_URL),
 * the local Neon WebSocket proxy in front of it, migrations, the demo seed, then workerd through
 * `wrangler dev` on http://127.0.0.1:8787 with Durable Objects, KV, Queues and cron, and the
 * console (Vite) on http://127.0.0.1:5173, which proxies /api to the Worker.
 */
const port = Number(process.env.PORT ?? 8787);
const consolePort = Number(process.env.CONSOLE_PORT ?? 5173);

const secretsFile = join(projectRoot, '.data', 'dev-secrets.env');
/** The running stack's database URL and proxy statistics, for the benches. */
export const devStackFile = join(projectRoot, '.data', 'dev-stack.json');

/**
 * Local JWT keys, made once and kept in .data/ (git-ignored), so tokens survive a restart.
 * Handed to wrangler as an env file: it shows secrets from there as "(hidden)".
 */
async function ensureDevSecrets(): Promise<void> {
  if (existsSync(secretsFile)) return;
  const secrets = await generateJwtSecrets('local-dev');
  await mkdir(join(projectRoot, '.data'), { recursive: true });
  const lines = Object.entries(secrets).map(([name, value]) => `${name}='${value}'`);
  await writeFile(secretsFile, `${lines.join('\n')}\n`, { mode: 0o600 });
}

await ensureDevSecrets();
await prepareReferenceAssets();
const database = await startDevDatabase();
let wrangler: ChildProcess | undefined;
let consoleServer: ChildProcess | undefined;
let stopping = false;

async function shutdown(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await Promise.all([stopProcess(consoleServer), stopProcess(wrangler)]);
    await database.stop();
  }
  process.exit(exitCode);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  // Where the benches find the stack's database (npm run bench reads it when DATABASE_URL is unset).
  await writeFile(
    devStackFile,
    `${JSON.stringify({ databaseUrl: database.databaseUrl, statsUrl: `http://${database.proxyAddress}/stats` })}\n`,
    { mode: 0o600 },
  );
  await migrateDatabase(database.databaseUrl);
  const seeded = await seedDemoData(database.databaseUrl);
  console.log(
    [
      '',
      `kasir-edge local stack (${database.kind === 'embedded' ? 'embedded Postgres in .data/pglite' : 'DATABASE_URL'})`,
      `  Console      http://127.0.0.1:${consolePort}  (sign in with a demo login below)`,
      `  API          http://127.0.0.1:${port}  (try /health and /api/v1)`,
      `  Reference    http://127.0.0.1:${port}/docs  (OpenAPI: /api/v1/openapi.json)`,
      `  DB proxy     ws://${database.proxyAddress}/v1  (statements: http://${database.proxyAddress}/stats)`,
      ...seeded.companies.flatMap((company) => [
        `  Demo company ${company.name}`,
        ...company.stores.map(
          (store) => `    store ${store.code}  ${store.name} (${store.timezone})`,
        ),
      ]),
      `  Demo logins  (password ${seeded.password})`,
      ...seeded.logins.map(
        (login) =>
          `    ${login.company.padEnd(26)} ${login.role.padEnd(15)} ${login.email}${login.pin ? `  (PIN ${login.pin})` : ''}`,
      ),
      '',
    ].join('\n'),
  );
} catch (error) {
  console.error('Could not prepare the database:', error);
  await shutdown(1);
}

wrangler = startWranglerDev({
  port,
  databaseUrl: database.databaseUrl,
  proxyAddress: database.proxyAddress,
  embedded: database.kind === 'embedded',
  secretsFile,
  persistTo: '.data/wrangler',
});
wrangler.on('exit', (code) => void shutdown(code ?? 0));
consoleServer = startConsoleServer({
  mode: 'dev',
  port: consolePort,
  apiUrl: `http://127.0.0.1:${port}`,
});
consoleServer.on('exit', (code) => void shutdown(code ?? 0));
