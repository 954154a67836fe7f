/**
 * The marketing console's build (console/ → console/dist, served by the gateway at /console/).
 * `npm start` calls ensureConsoleBuilt(): it builds when the build is missing or was made from other
 * sources (a hash of console/index.html, console/vite.config.ts and console/src/**, kept in
 * console/dist/.source-hash), so a fresh clone, a pull or an edit is built once and an unchanged
 * console starts at once. `npm run console:build` builds now.
 * The build goes to a temporary folder first and replaces console/dist only when it is complete.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const CONSOLE_DIR = 'console';
const HASH_FILE = '.source-hash';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

/** A hash of everything the build is made from. */
export function consoleSourceHash(root: string): string {
  const dir = join(root, CONSOLE_DIR);
  const hash = createHash('sha256');
  for (const file of [join(dir, 'index.html'), join(dir, 'vite.config.ts'), ...files(join(dir, 'src'))]) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** True when console/dist was built from the sources as they are. */
export function consoleBuildFresh(root: string): boolean {
  const stamp = join(root, CONSOLE_DIR, 'dist', HASH_FILE);
  return existsSync(stamp) && existsSync(join(root, CONSOLE_DIR, 'dist', 'index.html')) && readFileSync(stamp, 'utf8').trim() === consoleSourceHash(root);
}

/** Builds the console with Vite into console/dist (through a temporary folder). */
export async function buildConsole(root: string): Promise<void> {
  const hash = consoleSourceHash(root);
  const tmp = join(root, CONSOLE_DIR, `.dist-${process.pid}-${Date.now()}`);
  try {
    await run(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(root, CONSOLE_DIR, 'vite.config.ts')], {
      cwd: root,
      env: { ...process.env, CONSOLE_OUT_DIR: tmp, NODE_ENV: 'production' },
      maxBuffer: 16 * 1024 * 1024,
    });
    writeFileSync(join(tmp, HASH_FILE), `${hash}\n`);
    const dist = join(root, CONSOLE_DIR, 'dist');
    rmSync(dist, { recursive: true, force: true });
    renameSync(tmp, dist);
  } catch (e) {
    const out = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(`building the marketing console failed: ${out.stderr || out.stdout || out.message}`);
  } finally {
    if (existsSync(tmp) && statSync(tmp).isDirectory()) rmSync(tmp, { recursive: true, force: true });
  }
}

/** Builds the console unless its build is fresh; says what it does. Returns whether it built. */
export async function ensureConsoleBuilt(root: string, say: (line: string) => void = () => {}): Promise<boolean> {
  if (consoleBuildFresh(root)) return false;
  say('Building the marketing console (console/ → console/dist)…');
  const started = performance.now();
  await buildConsole(root);
  say(`Marketing console built in ${((performance.now() - started) / 1000).toFixed(1)}s`);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = process.cwd();
  const force = !process.argv.includes('--if-stale');
  (force ? buildConsole(root).then(() => console.log('Marketing console built into console/dist')) : ensureConsoleBuilt(root, console.log)).catch((e: Error) => {
    console.error(e.message);
    process.exit(1);
  });
}
