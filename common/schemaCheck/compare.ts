import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import {
  buildSchema, getNamedType, isEnumType, isInputObjectType, isInterfaceType, isNonNullType, isObjectType,
  type GraphQLArgument, type GraphQLField, type GraphQLInputType, type GraphQLInputField, type GraphQLSchema,
} from 'graphql';
import type { CoordinateUsage } from './usageStore.ts';

/**
 * Compares a new API schema (or channel contract) with the released one, with @graphql-inspector/core,
 * and decides for every breaking change whether it may ship:
 * - a removal or type change of a field, argument, input field or enum value is allowed only when
 *   the element was deprecated in the released schema AND no client used it within the usage window;
 * - an optional argument or input field may become required when, within the window, every
 *   operation that used its field (input type) also gave it, for every client;
 * - a removed type is allowed when nothing that still exists referred to it and no client used it;
 * - any other breaking change is refused.
 */
export type Severity = 'breaking' | 'dangerous' | 'safe';
export type Decision = 'refused' | 'allowed-by-usage' | 'allowed';

export interface ClientUsage {
  client: string;
  version: string;
  count: number;
  lastDay: string;
}

export interface CheckedChange {
  schema: string;
  type: string;
  path: string | null;
  message: string;
  severity: Severity;
  decision: Decision;
  reason: string;
  /** clients that used the element within the window (usage-based decisions) */
  usage?: ClientUsage[];
}

export interface UsageView {
  /** false when no usage record exists: nothing can be shown to be unused */
  available: boolean;
  windowDays: number;
  since: string;
  byCoordinate: Map<string, CoordinateUsage[]>;
}

const SEVERITY: Record<CriticalityLevel, Severity> = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'safe',
};

export function usageView(rows: CoordinateUsage[] | null, windowDays: number, since: string): UsageView {
  const byCoordinate = new Map<string, CoordinateUsage[]>();
  for (const r of rows ?? []) byCoordinate.set(r.coordinate, [...(byCoordinate.get(r.coordinate) ?? []), r]);
  return { available: rows !== null, windowDays, since, byCoordinate };
}

const clients = (rows: CoordinateUsage[] | undefined): ClientUsage[] =>
  (rows ?? []).map((r) => ({ client: r.clientName, version: r.clientVersion, count: r.count, lastDay: r.lastDay }));

export function describeUsage(u: ClientUsage[]): string {
  return u.map((c) => `${c.client} ${c.version} (${c.count} operation${c.count === 1 ? '' : 's'}, last ${c.lastDay})`).join(', ');
}

type Element = GraphQLField<unknown, unknown> | GraphQLArgument | GraphQLInputField | { deprecationReason?: string | null; name: string };

/** The element a schema coordinate names in a schema: `T`, `T.f`, `T.f(a:)`, `Input.f`, `Enum.V`. */
function elementAt(schema: GraphQLSchema, coordinate: string): Element | null {
  const m = /^([^.]+)(?:\.([^(]+)(?:\(([^:]+):\))?)?$/.exec(coordinate);
  if (!m) return null;
  const type = schema.getType(m[1]);
  if (!type || !m[2]) return type ? { name: type.name } : null;
  if (isEnumType(type)) return type.getValue(m[2]) ?? null;
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    const field = type.getFields()[m[2]];
    if (!field || !m[3]) return field ?? null;
    return ('args' in field ? field.args.find((a) => a.name === m[3]) : undefined) ?? null;
  }
  return null;
}

/** The coordinate a change is about, in the form usage is recorded in. */
function coordinateOf(change: Change): string | null {
  const meta = change.meta as Record<string, string>;
  switch (change.type) {
    case 'FIELD_REMOVED': return `${meta.typeName}.${meta.removedFieldName}`;
    case 'FIELD_TYPE_CHANGED': return `${meta.typeName}.${meta.fieldName}`;
    case 'FIELD_ARGUMENT_REMOVED': return `${meta.typeName}.${meta.fieldName}(${meta.removedFieldArgumentName}:)`;
    case 'FIELD_ARGUMENT_TYPE_CHANGED': return `${meta.typeName}.${meta.fieldName}(${meta.argumentName}:)`;
    case 'INPUT_FIELD_REMOVED': return `${meta.inputName}.${meta.removedFieldName}`;
    case 'INPUT_FIELD_TYPE_CHANGED': return `${meta.inputName}.${meta.inputFieldName}`;
    case 'ENUM_VALUE_REMOVED': return `${meta.enumName}.${meta.removedEnumValueName}`;
    case 'TYPE_REMOVED': return meta.removedTypeName;
    default: return null;
  }
}

/** Elements of the old schema that refer to a type (fields returning it, arguments and input fields taking it). */
function referrers(schema: GraphQLSchema, typeName: string): { coordinate: string; deprecated: boolean }[] {
  const out: { coordinate: string; deprecated: boolean }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || type.name === typeName) continue;
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (getNamedType(field.type as GraphQLInputType)?.name === typeName) out.push({ coordinate: `${type.name}.${field.name}`, deprecated: !!field.deprecationReason });
        for (const arg of 'args' in field ? field.args : []) {
          if (getNamedType(arg.type as GraphQLInputType)?.name === typeName) out.push({ coordinate: `${type.name}.${field.name}(${arg.name}:)`, deprecated: !!arg.deprecationReason });
        }
      }
    }
  }
  return out;
}

/** Coordinates of a type's own elements (its fields, enum values) */
function membersOf(schema: GraphQLSchema, typeName: string): string[] {
  const type = schema.getType(typeName);
  if (!type) return [];
  if (isEnumType(type)) return type.getValues().map((v) => `${typeName}.${v.name}`);
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) return Object.keys(type.getFields()).map((f) => `${typeName}.${f}`);
  return [];
}

export async function compareSchemas(schemaName: string, releasedSdl: string, newSdl: string, usage: UsageView): Promise<CheckedChange[]> {
  const released = buildSchema(releasedSdl);
  const next = buildSchema(newSdl);
  const changes = await diff(released, next);
  const windowText = `the last ${usage.windowDays} days (since ${usage.since})`;
  const noRecord = 'no usage record is available to show that no client uses it (set the usage store with --usage or USAGE_DATABASE_FILE)';

  return changes.map((change): CheckedChange => {
    const severity = SEVERITY[change.criticality.level];
    const base = { schema: schemaName, type: change.type, path: change.path ?? null, message: change.message, severity };
    if (severity !== 'breaking') return { ...base, decision: 'allowed', reason: change.criticality.reason ?? (severity === 'safe' ? 'Does not affect existing clients.' : 'May change how existing clients behave.') };

    const coordinate = coordinateOf(change);
    if (!coordinate) return { ...base, decision: 'refused', reason: `${change.criticality.reason ?? 'Breaks existing clients.'} There is no deprecation path for this kind of change: add a new element instead.` };
    const used = (c: string) => clients(usage.byCoordinate.get(c));

    if (change.type === 'TYPE_REMOVED') {
      const live = referrers(released, coordinate).filter((r) => !r.deprecated);
      if (live.length) return { ...base, decision: 'refused', reason: `Still referred to by ${live.map((r) => r.coordinate).join(', ')}, which ${live.length === 1 ? 'was' : 'were'} not deprecated.` };
      if (!usage.available) return { ...base, decision: 'refused', reason: `The type's elements may still be used: ${noRecord}.` };
      const users = membersOf(released, coordinate).flatMap(used);
      if (users.length) return { ...base, decision: 'refused', reason: `Its fields were used within ${windowText}.`, usage: users };
      return { ...base, decision: 'allowed-by-usage', reason: `Only deprecated elements referred to it, and none of its fields was used within ${windowText}.`, usage: [] };
    }

    // an optional argument / input field becoming required: every use of its field or input type must already give it
    const oldEl = elementAt(released, coordinate) as GraphQLArgument | GraphQLInputField | null;
    const newEl = elementAt(next, coordinate) as GraphQLArgument | GraphQLInputField | null;
    const madeRequired = (change.type === 'FIELD_ARGUMENT_TYPE_CHANGED' || change.type === 'INPUT_FIELD_TYPE_CHANGED') && oldEl && newEl
      && !isNonNullType(oldEl.type) && isNonNullType(newEl.type) && String(newEl.type.ofType) === String(oldEl.type);
    if (madeRequired) {
      const owner = change.type === 'FIELD_ARGUMENT_TYPE_CHANGED' ? coordinate.replace(/\([^)]*\)$/, '') : coordinate.split('.')[0];
      if (!usage.available) return { ...base, decision: 'refused', reason: `Clients may still omit it: ${noRecord}.` };
      const given = new Map(used(coordinate).map((u) => [`${u.client}\t${u.version}`, u.count]));
      const omitting = used(owner).filter((u) => (given.get(`${u.client}\t${u.version}`) ?? 0) < u.count)
        .map((u) => ({ ...u, count: u.count - (given.get(`${u.client}\t${u.version}`) ?? 0) }));
      if (omitting.length) return { ...base, decision: 'refused', reason: `Becomes required, but operations of these clients used ${owner} without it within ${windowText}.`, usage: omitting };
      return { ...base, decision: 'allowed-by-usage', reason: `Becomes required; every operation that used ${owner} within ${windowText} already gave it.`, usage: used(coordinate) };
    }

    if (!oldEl || !('deprecationReason' in oldEl) || !oldEl.deprecationReason) {
      return { ...base, decision: 'refused', reason: `${coordinate} was not deprecated in the released schema: deprecate it first (@deprecated(reason: …)), release, and wait until no client uses it.` };
    }
    if (!usage.available) return { ...base, decision: 'refused', reason: `${coordinate} is deprecated, but ${noRecord}.` };
    const users = used(coordinate);
    if (users.length) return { ...base, decision: 'refused', reason: `${coordinate} is deprecated but was used within ${windowText} by ${describeUsage(users)}.`, usage: users };
    return { ...base, decision: 'allowed-by-usage', reason: `${coordinate} was deprecated ("${oldEl.deprecationReason}") and no client used it within ${windowText}.`, usage: [] };
  });
}
