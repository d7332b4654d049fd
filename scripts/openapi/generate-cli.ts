import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../local-db/database-target';
import { prepareReferenceAssets } from './reference-assets';

/**
 * `npm run openapi`: writes openapi.json from the app's route chains. The file is committed (the
 * Worker serves it at /api/v1/openapi.json) and test/api/openapi.test.ts fails when it drifts
 * from the code. The app is imported by path so this script's Node typecheck does not pull in
 * the Worker's own types.
 */
const documentModule: string = '../../src/openapi/generate.ts';
const { openApiJson } = (await import(documentModule)) as { openApiJson: () => Promise<string> };

const target = join(projectRoot, 'openapi.json');
await writeFile(target, await openApiJson());
// The served copy (.assets/docs/openapi.json) follows at once, so a running stack shows it too.
await prepareReferenceAssets();
console.log(`wrote ${target}`);
