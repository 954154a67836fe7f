/**
 * V8 keeps one copy of every string used as a property key, in whichever representation it first
 * met: a name first seen in a text holding any character beyond Latin-1 (a description with an em
 * dash, a product called "Łódź") is stored two bytes per character, and then every response object
 * with that key makes `JSON.stringify` build the whole response two bytes per character. Encoding
 * such a text costs far more (about 1.5 ms for a 90 KB response here) than a one-byte one.
 *
 * `holdOneByteNames(sdl)` puts a one-byte copy of every GraphQL name of the SDL in that table before
 * anything else reads the schema, and keeps them referenced for the life of the process, so response
 * keys stay one-byte whatever texts later carry the same names.
 */
// a Set to ask whether a name is held: using the SDL's own (perhaps two-byte) name as a property key,
// even in `name in keys`, would put that one in V8's table first
const held = new Set<string>();
/** the one-byte copies as property keys: what puts them in V8's table, and keeps them there */
const keys: Record<string, true> = Object.create(null);

export function holdOneByteNames(sdl: string): void {
  for (const [name] of sdl.matchAll(/[_A-Za-z][_0-9A-Za-z]*/g)) {
    if (held.has(name)) continue;
    // a fresh one-byte string of the same characters (GraphQL names are ASCII)
    const copy = Buffer.from(name, 'latin1').toString('latin1');
    held.add(copy);
    keys[copy] = true;
  }
}
