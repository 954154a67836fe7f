import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImportError, runImport, type Importer } from './runner.ts';

/** The demo's import files (seed/demo in the repository): the demo data is imported like a merchant's. */
export const DEMO_SEED_DIR = fileURLToPath(new URL('../../seed/demo/', import.meta.url));

/**
 * Imports one seed file through the ordinary import path. The demo's files are clean: a rejected row
 * is a broken repository, so it stops the service's start with the rejects.
 */
export async function importSeedFile<T>(importer: Importer<T>, file: string): Promise<number> {
  const work = mkdtempSync(join(tmpdir(), `seed-${importer.kind}-`));
  try {
    const rejectsFile = join(work, 'rejects.ndjson');
    const result = await runImport(importer, join(DEMO_SEED_DIR, file), { rejectsFile, stateFile: join(work, 'state.json'), restart: true });
    if (result.rejected) throw new ImportError(`seed ${file}: ${result.rejected} row(s) rejected:\n${readFileSync(rejectsFile, 'utf8')}`);
    return result.accepted;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
