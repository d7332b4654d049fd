import { prepareReferenceAssets } from './reference-assets';

await prepareReferenceAssets();
