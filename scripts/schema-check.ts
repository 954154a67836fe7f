/**
 * npm run schema:check [-- --json] [--usage FILE] [--window 30d]
 *   composition, committed files up to date, API schema and channel contracts against their released
 *   copies (schema/released/) with recorded field usage, client operations. Exit 1 on a refusal.
 * npm run schema:release — the current API schema and contracts become the released baseline.
 */
import { resolve } from 'node:path';
import { formatReport, releaseSchemas, runSchemaCheck } from '../common/schemaCheck/check.ts';
import { parseDays } from '../common/schemaCheck/usageStore.ts';

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};
const root = process.cwd();

if (argv.includes('--release')) {
  const written = releaseSchemas(root);
  console.log(`schema: released ${written.join(', ')} (commit them)`);
  process.exit(0);
}

const env = process.env;
const usageFile = arg('--usage') ?? env.USAGE_DATABASE_FILE ?? `${env.DATA_DIR ?? 'data'}/usage.sqlite`;
const report = await runSchemaCheck({
  root,
  usageFile: resolve(root, usageFile),
  usageUrl: arg('--usage') ? undefined : env.USAGE_DATABASE_URL,
  windowDays: parseDays(arg('--window') ?? env.SCHEMA_USAGE_WINDOW ?? '30d'),
  now: new Date(),
});
console.log(argv.includes('--json') ? JSON.stringify(report, null, 2) : formatReport(report));
process.exit(report.ok ? 0 : 1);
