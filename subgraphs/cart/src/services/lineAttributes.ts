import { userError, type UserError } from '../../../../common/errors.ts';
import type { TypedValue } from './cartView.ts';

/** Line attributes are small typed values: at most 10 per line, a type like "engraving/v1", data of at most 2 KiB. */
export const ATTRIBUTE_LIMITS = { perLine: 10, dataBytes: 2048 };

export function attributesProblem(attributes: TypedValue[], field: string): UserError | null {
  if (attributes.length > ATTRIBUTE_LIMITS.perLine) return userError('INVALID_ATTRIBUTES', `At most ${ATTRIBUTE_LIMITS.perLine} attributes per line.`, field);
  for (let i = 0; i < attributes.length; i++) {
    if (!/^[a-z0-9][a-z0-9._-]{0,63}\/v\d{1,3}$/i.test(attributes[i].type)) return userError('INVALID_ATTRIBUTES', 'An attribute type looks like "engraving/v1".', `${field}[${i}].type`);
    if (Buffer.byteLength(JSON.stringify(attributes[i].data ?? null)) > ATTRIBUTE_LIMITS.dataBytes) {
      return userError('INVALID_ATTRIBUTES', `An attribute's data has at most ${ATTRIBUTE_LIMITS.dataBytes} bytes.`, `${field}[${i}].data`);
    }
  }
  return null;
}

export function sameAttributes(a: TypedValue[], b: TypedValue[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
