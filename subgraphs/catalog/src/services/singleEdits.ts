import { userError, UserErrorException, type UserError } from '../../../../common/errors.ts';
import type { Importer } from '../../../../common/import/runner.ts';
import type { Row } from '../../../../common/import/fields.ts';

/**
 * A single edit through the graph is one row of an import: the same checks, the same write (search
 * index, change events). A refused row becomes user errors: the reason's code and field
 * ("INVALID_SKU sku: …" → code INVALID_SKU, field input.sku).
 */
export async function editOne<T>(importer: Importer<T>, row: Row): Promise<void> {
  const [checked] = await importer.check([row]);
  if (typeof checked === 'object' && checked !== null && 'refused' in checked) throw new UserErrorException(errorsOf(String(checked.refused)));
  await importer.write([checked as T]);
}

export function errorsOf(reason: string): UserError[] {
  return reason.split(/; (?=[A-Z][A-Z_]+ )/).map((r) => {
    const m = /^([A-Z][A-Z_]+)(?: ([A-Za-z][\w.[\]]*))?:? (.*)$/.exec(r);
    if (!m) return userError('INVALID_INPUT', r, 'input');
    const [, code, field, message] = m;
    return userError(code, message.replace(/^: /, ''), field ? `input.${field.replace(/\.$/, '')}` : 'input');
  });
}
