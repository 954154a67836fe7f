/**
 * npm run schema:compose  — composes subgraphs/<name>/schema.graphql into schema/supergraph.graphql,
 *                           schema/api.graphql and the channel contracts schema/contracts/<channel>.graphql.
 * npm run schema:compose -- --check — fails when the committed files are stale.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompositionError } from '../common/compose.ts';
import { generatedSchemaFiles, writeFiles } from '../common/schemaCheck/check.ts';
import { ContractError } from '../common/schemaCheck/contracts.ts';

const root = process.cwd();
const check = process.argv.includes('--check');

try {
  const files = generatedSchemaFiles(root);
  if (check) {
    const stale = files.filter((f) => !existsSync(join(root, f.path)) || readFileSync(join(root, f.path), 'utf8') !== f.text);
    if (stale.length) {
      console.error(`Stale: ${stale.map((f) => f.path).join(', ')}. Run npm run schema:compose and commit.`);
      process.exit(1);
    }
    console.log(`schema: composition succeeds; ${files.map((f) => f.path).join(', ')} are up to date`);
  } else {
    writeFiles(root, files);
    console.log(`schema: wrote ${files.map((f) => f.path).join(', ')}`);
  }
} catch (e) {
  if (e instanceof CompositionError || e instanceof ContractError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
