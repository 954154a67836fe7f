import {
  buildASTSchema, Kind, lexicographicSortSchema, parse, printSchema,
  type DefinitionNode, type DocumentNode, type FieldDefinitionNode, type InputValueDefinitionNode, type TypeNode,
} from 'graphql';

/**
 * Channel contracts: a reduced API schema per channel, derived from `@tag` in the subgraph SDL.
 *
 * Tagging convention (on types, fields, arguments, input fields, enum values):
 * - `@tag(name: "data:<class>")` names the kind of data an element exposes: `data:address`
 *   (postal addresses), `data:customer` (anything identifying a customer), `data:marketing`
 *   (campaigns, engines and their configuration). A contract excludes whole classes.
 * - `@tag(name: "scope:<scope>")` (already used for authorisation): a contract keeps a scoped field
 *   only when one of its scopes is among the contract's scopes.
 * Whatever loses all its fields, or is no longer reachable from Query / Mutation, leaves the
 * contract too. Excluding a required argument or input field is refused (tag the field instead).
 */
export interface ContractDefinition {
  channel: string;
  /** scopes a key of this channel may hold: fields tagged with other scopes only are left out */
  scopes: string[];
  /** data classes left out (`data:…` tags) */
  exclude: string[];
  /** the channel apps' operations that must validate against the contract (files in clients/) */
  clients: string[];
}

export const CONTRACTS: ContractDefinition[] = [
  { channel: 'in-game', scopes: ['storefront'], exclude: ['data:address', 'data:customer', 'data:marketing'], clients: ['ingame.graphql', 'ingame-delivery.graphql'] },
  { channel: 'kiosk', scopes: ['storefront'], exclude: ['data:customer', 'data:marketing'], clients: ['kiosk.graphql'] },
];

export class ContractError extends Error {}

type TagMap = Map<string, string[]>;

const tagNames = (directives: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: { kind: string } }[] }[] | undefined) =>
  (directives ?? [])
    .filter((d) => d.name.value === 'tag')
    .map((d) => d.arguments?.find((a) => a.name.value === 'name')?.value)
    .flatMap((v) => (v && v.kind === Kind.STRING ? [(v as unknown as { value: string }).value] : []));

/** Tags of every type, field (`T.f`), argument (`T.f(a:)`), input field and enum value, from the supergraph. */
export function tagsFromSupergraph(supergraphSdl: string): TagMap {
  const tags: TagMap = new Map();
  const add = (coordinate: string, names: string[]) => {
    if (names.length) tags.set(coordinate, [...new Set([...(tags.get(coordinate) ?? []), ...names])]);
  };
  for (const def of parse(supergraphSdl).definitions) {
    if (!('name' in def) || !def.name || !('directives' in def)) continue;
    const type = def.name.value;
    add(type, tagNames(def.directives));
    if ('fields' in def && def.fields) {
      for (const f of def.fields) {
        add(`${type}.${f.name.value}`, tagNames(f.directives));
        if ('arguments' in f) for (const a of f.arguments ?? []) add(`${type}.${f.name.value}(${a.name.value}:)`, tagNames(a.directives));
      }
    }
    if ('values' in def && def.values) for (const v of def.values) add(`${type}.${v.name.value}`, tagNames(v.directives));
  }
  return tags;
}

const namedType = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : namedType(t.type));
const required = (v: InputValueDefinitionNode) => v.type.kind === Kind.NON_NULL_TYPE && !v.defaultValue;
const ROOTS = ['Query', 'Mutation', 'Subscription'];

/** The contract of one channel: the API schema without what the channel must not see. */
export function buildContract(apiSdl: string, tags: TagMap, contract: ContractDefinition): string {
  const left = (coordinate: string) => {
    const t = tags.get(coordinate) ?? [];
    if (t.some((name) => contract.exclude.includes(name))) return true;
    const scopes = t.filter((name) => name.startsWith('scope:')).map((name) => name.slice('scope:'.length));
    return scopes.length > 0 && !scopes.some((s) => contract.scopes.includes(s));
  };
  let defs = [...parse(apiSdl).definitions] as DefinitionNode[];
  const removed = new Set<string>();
  for (const d of defs) if ('name' in d && d.name && left(d.name.value)) removed.add(d.name.value);

  const keepInputValue = (owner: string, v: InputValueDefinitionNode) => {
    if (!left(owner) && !removed.has(namedType(v.type))) return true;
    if (required(v)) throw new ContractError(`Contract ${contract.channel}: the required ${owner} cannot be left out; tag its field or type instead.`);
    return false;
  };

  for (let changed = true; changed;) {
    changed = false;
    defs = defs.flatMap((d): DefinitionNode[] => {
      if (!('name' in d) || !d.name) return [d];
      const type = d.name.value;
      if (removed.has(type)) return [];
      if (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION) {
        const fields = (d.fields ?? []).filter((f) => !left(`${type}.${f.name.value}`) && !removed.has(namedType(f.type)))
          .map((f): FieldDefinitionNode => ({ ...f, arguments: (f.arguments ?? []).filter((a) => keepInputValue(`${type}.${f.name.value}(${a.name.value}:)`, a)) }));
        const interfaces = (d.interfaces ?? []).filter((i) => !removed.has(i.name.value));
        if (!fields.length) {
          if (type === 'Query') throw new ContractError(`Contract ${contract.channel} leaves no field on Query.`);
          removed.add(type);
          changed = true;
          return [];
        }
        if (fields.length !== d.fields?.length || interfaces.length !== (d.interfaces?.length ?? 0)) changed = true;
        return [{ ...d, fields, interfaces }];
      }
      if (d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
        let fields: InputValueDefinitionNode[];
        try {
          fields = (d.fields ?? []).filter((f) => keepInputValue(`${type}.${f.name.value}`, f));
        } catch (e) {
          // a required input field of a removed type: the input type goes (and whatever takes it, if optional)
          if (!(d.fields ?? []).some((f) => required(f) && removed.has(namedType(f.type)))) throw e;
          fields = [];
        }
        if (!fields.length) {
          removed.add(type);
          changed = true;
          return [];
        }
        if (fields.length !== d.fields?.length) changed = true;
        return [{ ...d, fields }];
      }
      if (d.kind === Kind.ENUM_TYPE_DEFINITION) {
        const values = (d.values ?? []).filter((v) => !left(`${type}.${v.name.value}`));
        if (!values.length) {
          removed.add(type);
          changed = true;
          return [];
        }
        return [{ ...d, values }];
      }
      if (d.kind === Kind.UNION_TYPE_DEFINITION) {
        const types = (d.types ?? []).filter((t) => !removed.has(t.name.value));
        if (!types.length) {
          removed.add(type);
          changed = true;
          return [];
        }
        if (types.length !== d.types?.length) changed = true;
        return [{ ...d, types }];
      }
      return [d];
    });
  }
  return printSchema(lexicographicSortSchema(buildASTSchema(reachableOnly(defs)))) + '\n';
}

/** Drops the types no longer reachable from the root types. */
function reachableOnly(defs: DefinitionNode[]): DocumentNode {
  const byName = new Map<string, DefinitionNode>();
  for (const d of defs) if ('name' in d && d.name) byName.set(d.name.value, d);
  const implementations = new Map<string, string[]>();
  for (const d of defs) {
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    for (const i of d.interfaces ?? []) implementations.set(i.name.value, [...(implementations.get(i.name.value) ?? []), d.name.value]);
  }
  const seen = new Set<string>();
  const queue = ROOTS.filter((r) => byName.has(r));
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const d = byName.get(name);
    if (!d) continue;
    const next: string[] = [...(implementations.get(name) ?? [])];
    if ('fields' in d && d.fields) {
      for (const f of d.fields as readonly (FieldDefinitionNode | InputValueDefinitionNode)[]) {
        next.push(namedType(f.type));
        if ('arguments' in f) for (const a of f.arguments ?? []) next.push(namedType(a.type));
      }
    }
    if ('interfaces' in d) for (const i of d.interfaces ?? []) next.push(i.name.value);
    if (d.kind === Kind.UNION_TYPE_DEFINITION) for (const t of d.types ?? []) next.push(t.name.value);
    queue.push(...next.filter((n) => !seen.has(n)));
  }
  return { kind: Kind.DOCUMENT, definitions: defs.filter((d) => !('name' in d && d.name) || seen.has(d.name.value) || d.kind === Kind.DIRECTIVE_DEFINITION) };
}

/** Every contract of the supergraph: channel → SDL. */
export function buildContracts(supergraphSdl: string, apiSdl: string, contracts: ContractDefinition[] = CONTRACTS): Map<string, string> {
  const tags = tagsFromSupergraph(supergraphSdl);
  return new Map(contracts.map((c) => [c.channel, buildContract(apiSdl, tags, c)]));
}
