import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/** JSON values are nested at most this deep (a deeper one is refused before anything recurses over it). */
export const MAX_JSON_DEPTH = 32;

function tooDeep(): GraphQLError {
  return new GraphQLError(`JSON values may be nested at most ${MAX_JSON_DEPTH} levels deep.`, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** The value itself, or BAD_USER_INPUT when it is nested deeper than MAX_JSON_DEPTH (checked without recursion). */
function boundedJson(value: unknown): unknown {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d >= MAX_JSON_DEPTH) throw tooDeep();
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) stack.push([child, d + 1]);
  }
  return value;
}

function literalToJson(ast: ValueNode, variables?: Record<string, unknown> | null, depth = 0): unknown {
  if (depth > MAX_JSON_DEPTH) throw tooDeep();
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToJson(f.value, variables, depth + 1)]));
    case Kind.LIST:
      return ast.values.map((v) => literalToJson(v, variables, depth + 1));
    case Kind.NULL:
      return null;
    case Kind.VARIABLE:
      return variables ? boundedJson(variables[ast.name.value]) : undefined;
    default:
      return undefined;
  }
}

export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (v) => v,
  parseValue: boundedJson,
  parseLiteral: (ast, variables) => literalToJson(ast, variables),
});

/**
 * An ISO-8601 instant whose calendar date exists: `new Date` alone reads 2030-02-31 as 2030-03-03.
 * Returns null for anything else.
 */
export function strictInstant(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d || h > 23 || mi > 59 || (s ?? 0) > 59) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

function parseInstant(value: unknown): Date {
  if (typeof value !== 'string') throw new GraphQLError('DateTime must be an ISO-8601 string.');
  const d = strictInstant(value) ?? new Date(NaN);
  if (Number.isNaN(d.getTime())) {
    throw new GraphQLError(`"${value}" is not an ISO-8601 instant (e.g. 2026-12-01T00:00:00Z).`);
  }
  return d;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant in ISO-8601, UTC, e.g. "2026-12-01T00:00:00.000Z".',
  serialize: (v) => (v instanceof Date ? v.toISOString() : typeof v === 'string' ? new Date(v).toISOString() : v),
  parseValue: (v) => parseInstant(v).toISOString(),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string.');
    return parseInstant(ast.value).toISOString();
  },
});
