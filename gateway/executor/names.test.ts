import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Whether a response key is stored one byte per character can only be seen through V8's natives,
 * so the check runs in a child process with --allow-natives-syntax.
 */
const names = fileURLToPath(new URL('./names.ts', import.meta.url));

function keyRepresentation(hold: boolean): string {
  const script = `
    const { holdOneByteNames } = await import(${JSON.stringify(names)});
    // a supergraph whose text is two bytes per character: a description with an em dash
    const sdl = 'type Query { """Top sellers \\u2014 this week""" zzTopSellersOfTheWeek: [String] }';
    if (${hold}) holdOneByteNames(sdl);
    const { parse } = await import('graphql');
    const field = parse(sdl).definitions[0].fields[0];
    const response = Object.create(null);
    response[field.name.value] = [];
    new Function('s', 'return %DebugPrint(s)')(Object.keys(response)[0]);
  `;
  return execFileSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
}

describe('holdOneByteNames', () => {
  it('keeps response keys named in a two-byte SDL one byte per character', () => {
    expect(keyRepresentation(true)).toMatch(/type: ONE_BYTE_INTERNALIZED_STRING_TYPE/);
  });

  it('is needed: without it the key taken from that SDL is two bytes per character', () => {
    const out = keyRepresentation(false);
    expect(out).toMatch(/type: INTERNALIZED_STRING_TYPE/);
    expect(out).not.toMatch(/ONE_BYTE/);
  });
});
