/**
 * Keys chosen by clients (aliases) or by subgraphs (response keys) are ordinary names here:
 * `__proto__`, `constructor` or `toString` never reach or change `Object.prototype`. Objects the
 * executor creates inherit nothing: their prototype is one empty, frozen object without a prototype,
 * so no `__proto__` accessor is in reach and every key is an own data property. (Unlike
 * `Object.create(null)`, which V8 keeps as a dictionary, such objects keep V8's fast layout: reads
 * and `JSON.stringify` take about half the time.) Objects parsed from subgraph answers keep
 * `Object.prototype`, so they are read and written only through these helpers.
 */
export type Obj = Record<string, any>;

const Inert = function (this: Obj) {} as unknown as new () => Obj;
Inert.prototype = Object.freeze(Object.create(null));

export const newObject = (): Obj => new Inert();

export function getOwn(obj: Obj, key: string): any {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

export function setOwn(obj: Obj, key: string, value: unknown): void {
  // plain assignment of `__proto__` would replace the object's prototype
  if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}

export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Marks an entity a subgraph failed to resolve (its `_entities` answer was null, with an error). */
export const FAILED = Symbol('failed entity');
