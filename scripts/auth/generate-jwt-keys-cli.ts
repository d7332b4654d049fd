import { generateJwtSecrets } from './jwt-keys';

// `npm run jwt:keys`: prints a new key pair for `wrangler secret put`. To rotate, put the new
// JWT_SIGNING_KEY and a JWT_VERIFY_KEYS that holds both the new and the previous public key;
// drop the previous one 15 minutes later.
const secrets = await generateJwtSecrets(process.argv[2]);
console.log(`JWT_SIGNING_KEY=${secrets.JWT_SIGNING_KEY}`);
console.log(`JWT_VERIFY_KEYS=${secrets.JWT_VERIFY_KEYS}`);
