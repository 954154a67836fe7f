/**
 * npm run documents:compile — compiles the channel apps' operations (clients/*.graphql) into the
 * trusted documents' manifest, schema/trusted-documents.json (sha256 → document), which the gateway
 * serves by hash. `-- --check` fails when the committed manifest is stale. `npm run schema:compose`
 * writes it too, and `npm run schema:check` validates every document against the API schema and its
 * channel's contract.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileTrustedDocuments, manifestText, TRUSTED_DOCUMENTS_PATH } from '../common/schemaCheck/trustedDocuments.ts';

const root = process.cwd();
const target = join(root, TRUSTED_DOCUMENTS_PATH);
let manifest;
try {
  manifest = compileTrustedDocuments(root);
} catch (e) {
  console.error(`trusted documents: ${(e as Error).message}`);
  process.exit(1);
}
const text = manifestText(manifest);
const count = Object.keys(manifest.documents).length;
if (process.argv.includes('--check')) {
  if (!existsSync(target) || readFileSync(target, 'utf8') !== text) {
    console.error(`Stale: ${TRUSTED_DOCUMENTS_PATH}. Run npm run documents:compile and commit.`);
    process.exit(1);
  }
  console.log(`trusted documents: ${TRUSTED_DOCUMENTS_PATH} is up to date (${count} documents)`);
} else {
  writeFileSync(target, text);
  console.log(`trusted documents: wrote ${TRUSTED_DOCUMENTS_PATH} (${count} documents)`);
}
