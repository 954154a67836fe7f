/**
 * npm run schema:compose  — composes subgraphs/<name>/schema.graphql into schema/supergraph.graphql
 *                           and schema/api.graphql.
 * npm run schema:compose -- --check — fails when the committed files are stale.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeProject, CompositionError } from '../common/compose.ts';

const root = process.cwd();
const check = process.argv.includes('--check');

try {
  const { supergraphSdl, apiSdl } = composeProject(root);
  const files: [string, string][] = [
    [join(root, 'schema', 'supergraph.graphql'), supergraphSdl],
    [join(root, 'schema', 'api.graphql'), apiSdl],
  ];
  if (check) {
    const stale = files.filter(([file, text]) => !existsSync(file) || readFileSync(file, 'utf8') !== text);
    if (stale.length) {
      console.error(`Stale: ${stale.map(([f]) => f.replace(root + '/', '')).join(', ')}. Run npm run schema:compose and commit.`);
      process.exit(1);
    }
    console.log('schema: composition succeeds; schema/supergraph.graphql and schema/api.graphql are up to date');
  } else {
    mkdirSync(join(root, 'schema'), { recursive: true });
    for (const [file, text] of files) writeFileSync(file, text);
    console.log('schema: wrote schema/supergraph.graphql and schema/api.graphql');
  }
} catch (e) {
  if (e instanceof CompositionError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
