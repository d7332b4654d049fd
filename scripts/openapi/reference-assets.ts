import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../local-db/database-target';

/**
 * The reference page's script (Scalar's standalone build, ~5 MB) and the committed openapi.json
 * are static assets of the Worker, never part of its bundle: copied into `.assets/` (git-ignored)
 * before `npm run dev`, `npm test`, `npm run build` and deploys, and served by Workers static
 * assets at /docs/scalar.js and /docs/openapi.json. The page itself is rendered by the Worker
 * (src/routes/docs.ts), and /api/v1/openapi.json reads the document through the ASSETS binding.
 */
export const assetsDirectory = join(projectRoot, '.assets');

export async function prepareReferenceAssets(): Promise<void> {
  // The package exports no path to this file, so it is taken from where npm installs it.
  const standalone = join(
    projectRoot,
    'node_modules/@scalar/api-reference/dist/browser/standalone.js',
  );
  await mkdir(join(assetsDirectory, 'docs'), { recursive: true });
  await copyFile(standalone, join(assetsDirectory, 'docs', 'scalar.js'));
  await copyFile(join(projectRoot, 'openapi.json'), join(assetsDirectory, 'docs', 'openapi.json'));
}
