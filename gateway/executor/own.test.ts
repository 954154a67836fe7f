import { describe, expect, it } from 'vitest';
import { getOwn, newObject, setOwn } from './own.ts';

describe('objects the executor creates', () => {
  it('inherit nothing, and every key, __proto__ included, is an own data property', () => {
    const o = newObject();
    for (const name of ['toString', 'constructor', 'hasOwnProperty', 'valueOf', '__proto__', '__defineGetter__']) expect(o[name]).toBeUndefined();
    setOwn(o, '__proto__', { polluted: true });
    setOwn(o, 'constructor', 'c');
    o['toString'] = 't';
    expect(Object.keys(o)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(getOwn(o, '__proto__')).toEqual({ polluted: true });
    expect(JSON.stringify(o)).toBe('{"__proto__":{"polluted":true},"constructor":"c","toString":"t"}');
    expect(newObject().polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('share one prototype that is empty, frozen and has no prototype itself', () => {
    const proto = Object.getPrototypeOf(newObject());
    expect(Object.getPrototypeOf(newObject())).toBe(proto);
    expect(Object.getPrototypeOf(proto)).toBeNull();
    expect(Reflect.ownKeys(proto)).toEqual([]);
    expect(Object.isFrozen(proto)).toBe(true);
    const o = newObject();
    o.__proto__ = 'plain assignment';
    expect(Object.getPrototypeOf(o)).toBe(proto);
    expect(Object.hasOwn(o, '__proto__')).toBe(true);
  });
});
