import { Kind, parse, print, type DefinitionNode, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type VariableDefinitionNode } from 'graphql';
import type { BatchFetchNode, FetchNode, PathStep, Plan, PlanNode } from './plan.ts';

/**
 * Fewer subgraph requests for the same plan: the planner's tree is laid out in waves, a fetch's wave
 * being one after the last fetch that runs before it in its sequence (so every fetch still runs
 * after everything it can depend on, and branches of a parallel node stay independent). In each
 * wave, the entity fetches to one subgraph become one request (a BatchFetch: `_e0: _entities(…)`,
 * `_e1: …`), and entity fetches with the same selection and inputs share one `_entities` list, so
 * an entity reached along several paths is sent once.
 *
 * Done once per plan, when it is cached. A plan with a shape this does not know (nested flattens
 * around something else than a fetch, conditions below a flatten) is left as the planner made it.
 */
interface Unit {
  wave: number;
  node: PlanNode;
  /** the absolute flatten path of an entity fetch, [] otherwise */
  path: PathStep[];
}

export function batchPlan(plan: Plan): Plan {
  if (!plan.node) return plan;
  const units: Unit[] = [];
  if (collect(plan.node, 0, [], units) === undefined) return plan;
  const waves: Unit[][] = [];
  for (const unit of units) (waves[unit.wave] ??= []).push(unit);
  let batched = false;
  const steps: PlanNode[] = [];
  for (const wave of waves) {
    if (!wave) continue;
    const nodes: PlanNode[] = [];
    const byService = new Map<string, Unit[]>();
    for (const unit of wave) {
      if (isEntityFetch(unit)) {
        const group = byService.get((unit.node as FetchNode).serviceName);
        if (group) group.push(unit);
        else byService.set((unit.node as FetchNode).serviceName, [unit]);
      } else nodes.push(unit.path.length ? { kind: 'Flatten', path: unit.path, node: unit.node } : unit.node);
    }
    for (const group of byService.values()) {
      const batch = group.length > 1 ? batchOf(group) : undefined;
      if (batch) {
        batched = true;
        nodes.push(batch);
      } else for (const unit of group) nodes.push({ kind: 'Flatten', path: unit.path, node: unit.node });
    }
    steps.push(nodes.length === 1 ? nodes[0] : { kind: 'Parallel', nodes });
  }
  if (!batched) return plan;
  return { node: steps.length === 1 ? steps[0] : { kind: 'Sequence', nodes: steps } };
}

function isEntityFetch(unit: Unit): boolean {
  return unit.node.kind === 'Fetch' && !!unit.node.requires && unit.path.length > 0;
}

/** Assigns waves from `wave` on; answers the wave after the node, or undefined for a shape left alone. */
function collect(node: PlanNode, wave: number, path: PathStep[], units: Unit[]): number | undefined {
  switch (node.kind) {
    case 'Sequence': {
      let next: number | undefined = wave;
      for (const child of node.nodes) {
        next = collect(child, next, path, units);
        if (next === undefined) return undefined;
      }
      return next;
    }
    case 'Parallel': {
      let end = wave;
      for (const child of node.nodes) {
        const next = collect(child, wave, path, units);
        if (next === undefined) return undefined;
        end = Math.max(end, next);
      }
      return end;
    }
    case 'Flatten':
      if (node.node.kind !== 'Fetch' || !node.node.requires) return undefined;
      units.push({ wave, node: node.node, path: [...path, ...node.path] });
      return wave + 1;
    default:
      // root fetches, conditions (their branches run as planned), batches and unsupported nodes
      if (path.length) return undefined;
      units.push({ wave, node, path });
      return wave + 1;
  }
}

/** `[_Any!]!` */
const REPRESENTATIONS_TYPE: VariableDefinitionNode['type'] = {
  kind: Kind.NON_NULL_TYPE,
  type: { kind: Kind.LIST_TYPE, type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: '_Any' } } } },
};

interface Parsed {
  unit: Unit;
  operation: OperationDefinitionNode;
  entities: FieldNode;
  fragments: FragmentDefinitionNode[];
}

/** One request for the entity fetches of one subgraph in one wave; undefined when an operation has an unexpected shape. */
function batchOf(units: Unit[]): BatchFetchNode | undefined {
  const parsed: Parsed[] = [];
  for (const unit of units) {
    const p = parseEntityFetch(unit);
    if (!p) return undefined;
    parsed.push(p);
  }
  // fetches with the same selection, fragments and inputs share one list of representations
  const groups = new Map<string, Parsed[]>();
  for (const p of parsed) {
    const f = p.unit.node as FetchNode;
    const key = JSON.stringify([print(p.entities.selectionSet!), p.fragments.map((d) => print(d)), f.requires, f.inputRewrites ?? [], f.outputRewrites ?? []]);
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  const variables = new Map<string, VariableDefinitionNode>();
  for (const p of parsed) {
    for (const v of p.operation.variableDefinitions ?? []) {
      if (v.variable.name.value === 'representations') continue;
      const seen = variables.get(v.variable.name.value);
      if (seen && print(seen) !== print(v)) return undefined;
      variables.set(v.variable.name.value, v);
    }
  }
  const fragments = new Map<string, string>();
  const definitions: DefinitionNode[] = [];
  const fields: FieldNode[] = [];
  const batches: BatchFetchNode['batches'] = [];
  let i = 0;
  for (const group of groups.values()) {
    const alias = `_e${i}`;
    let variable = `representations${i}`;
    while (variables.has(variable)) variable = `_${variable}`;
    const first = group[0];
    for (const fragment of first.fragments) {
      const text = print(fragment);
      const seen = fragments.get(fragment.name.value);
      // two different fragments of one name: left as separate requests
      if (seen !== undefined && seen !== text) return undefined;
      if (seen === undefined) {
        fragments.set(fragment.name.value, text);
        definitions.push(fragment);
      }
    }
    fields.push({
      ...first.entities,
      alias: { kind: Kind.NAME, value: alias },
      arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'representations' }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: variable } } }],
    });
    const f = first.unit.node as FetchNode;
    batches.push({
      alias,
      variable,
      paths: group.map((p) => p.unit.path),
      requires: f.requires!,
      inputRewrites: f.inputRewrites ?? [],
      outputRewrites: f.outputRewrites ?? [],
    });
    variables.set(variable, {
      kind: Kind.VARIABLE_DEFINITION,
      variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: variable } },
      type: REPRESENTATIONS_TYPE,
    });
    i++;
  }
  const name = (units[0].node as FetchNode).operationName;
  const operation: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: parsed[0].operation.operation,
    name: name ? { kind: Kind.NAME, value: name } : undefined,
    variableDefinitions: [...variables.values()],
    selectionSet: { kind: Kind.SELECTION_SET, selections: fields },
  };
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...definitions] };
  const usages = new Set<string>();
  for (const unit of units) for (const v of (unit.node as FetchNode).variableUsages) usages.add(v);
  return {
    kind: 'BatchFetch',
    serviceName: (units[0].node as FetchNode).serviceName,
    operation: print(document),
    operationName: name,
    variableUsages: [...usages],
    batches,
  };
}

function parseEntityFetch(unit: Unit): Parsed | undefined {
  const fetch = unit.node as FetchNode;
  let document: DocumentNode;
  try {
    document = parse(fetch.operation, { noLocation: true });
  } catch {
    return undefined;
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || operations[0].operation !== 'query' || operations[0].directives?.length) return undefined;
  const [operation] = operations;
  const [entities] = operation.selectionSet.selections;
  if (operation.selectionSet.selections.length !== 1 || entities.kind !== Kind.FIELD || entities.name.value !== '_entities' || entities.alias || !entities.selectionSet) return undefined;
  const args = entities.arguments ?? [];
  if (args.length !== 1 || args[0].name.value !== 'representations' || args[0].value.kind !== Kind.VARIABLE || args[0].value.name.value !== 'representations') return undefined;
  if (entities.directives?.length) return undefined;
  const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  return { unit, operation, entities, fragments };
}
