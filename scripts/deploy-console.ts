import { spawnSync } from 'node:child_process';
import { projectRoot } from './local-db/database-target';

/**
 * `npm run deploy` / `deploy:staging`, after the Worker: builds the console with the API's
 * address baked in (Vite reads VITE_API_URL at build time) and uploads console/dist to the
 * Cloudflare Pages project `kasir-edge-console` (production branch `main`, staging `staging`).
 * The console and the API must be one site (sibling hosts of one domain, e.g.
 * console.kasir-edge.id and api.kasir-edge.id): the refresh cookie is SameSite=Strict.
 */
const target = process.argv[2] === 'staging' ? 'staging' : 'production';
const apiUrl = process.env.VITE_API_URL;
if (!apiUrl?.startsWith('https://')) {
  console.error(
    `Set VITE_API_URL to the ${target} API's https origin (e.g. https://api.kasir-edge.id) before deploying the console.`,
  );
  process.exit(1);
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npm', ['run', 'build', '-w', 'console']);
run('wrangler', [
  'pages',
  'deploy',
  'console/dist',
  '--project-name',
  'kasir-edge-console',
  '--branch',
  target === 'production' ? 'main' : 'staging',
]);
