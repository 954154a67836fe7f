/**
 * Reading fields of an import row the same way from NDJSON (JSON values) and CSV (strings):
 * a CSV cell "true"/"false" is a boolean, a list is "a|b|c" (or a JSON array), JSON columns hold JSON.
 */
export type Row = Record<string, unknown>;

/** The field as a trimmed string; undefined when absent or empty. */
export function text(row: Row, name: string): string | undefined {
  const v = row[name];
  if (v === undefined || v === null) return undefined;
  const s = typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  return s === '' ? undefined : s;
}

/** A boolean field; undefined when absent; 'invalid' when it is neither true nor false. */
export function bool(row: Row, name: string): boolean | undefined | 'invalid' {
  const v = row[name];
  if (typeof v === 'boolean') return v;
  const s = text(row, name)?.toLowerCase();
  if (s === undefined) return undefined;
  if (s === 'true' || s === '1' || s === 'yes') return true;
  if (s === 'false' || s === '0' || s === 'no') return false;
  return 'invalid';
}

/** A list of strings: a JSON array, or "a|b|c" in a CSV cell; undefined when absent; 'invalid' otherwise. */
export function list(row: Row, name: string): string[] | undefined | 'invalid' {
  const v = row[name];
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string') ? (v as string[]) : 'invalid';
  if (typeof v !== 'string') return 'invalid';
  const s = v.trim();
  if (s.startsWith('[')) {
    const parsed = json(row, name);
    return Array.isArray(parsed) && parsed.every((x) => typeof x === 'string') ? (parsed as string[]) : 'invalid';
  }
  return s === '' ? [] : s.split('|').map((x) => x.trim());
}

/** A JSON field: the value in NDJSON, a JSON text in a CSV cell; undefined when absent; 'invalid' when unparseable. */
export function json(row: Row, name: string): unknown {
  const v = row[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return 'invalid';
  }
}

/** An integer field; undefined when absent; NaN when it is not an integer. */
export function integer(row: Row, name: string): number | undefined {
  const v = row[name];
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : Number.NaN;
  const s = text(row, name);
  if (s === undefined) return undefined;
  return /^-?\d{1,15}$/.test(s) ? Number(s) : Number.NaN;
}

/** The user errors of a check as one reason: "CODE field: message; …". */
export function reasonOf(errors: { code: string; field?: string | null; message: string }[]): string {
  return errors.map((e) => `${e.code}${e.field ? ` ${e.field}` : ''}: ${e.message}`).join('; ');
}
