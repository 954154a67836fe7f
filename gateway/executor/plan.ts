/**
 * The query plan the executor runs, whichever planner made it (`@apollo/query-planner` or the
 * Rust planner of Hive Router): each planner's plan is converted into this shape once, when it is
 * cached.
 */

/** A step of a response path: a response key, `@` (every element of a list), or a type condition. */
export type PathStep = string | { types: string[] };

export type SelectionNode =
  | {
      kind: 'Field';
      /** the key in the representation sent to the subgraph */
      key: string;
      /** the key the value is read from in the data so far */
      readFrom: string;
      selections?: SelectionNode[];
    }
  | { kind: 'InlineFragment'; typeCondition?: string; selections: SelectionNode[]; skipIf?: string; includeIf?: string };

export type Rewrite =
  | { kind: 'ValueSetter'; path: PathStep[]; setValueTo: string }
  | { kind: 'KeyRenamer'; path: PathStep[]; renameKeyTo: string };

export interface EntityInput {
  requires: SelectionNode[];
  inputRewrites: Rewrite[];
  outputRewrites: Rewrite[];
}

export interface FetchNode extends Partial<EntityInput> {
  kind: 'Fetch';
  serviceName: string;
  operation: string;
  operationName?: string;
  variableUsages: string[];
}

/** One request to one subgraph resolving entities for several places at once (`_e0: _entities(…)`, …). */
export interface BatchFetchNode {
  kind: 'BatchFetch';
  serviceName: string;
  operation: string;
  operationName?: string;
  variableUsages: string[];
  batches: (EntityInput & { alias: string; variable: string; paths: PathStep[][] })[];
}

export type PlanNode =
  | FetchNode
  | BatchFetchNode
  | { kind: 'Sequence' | 'Parallel'; nodes: PlanNode[] }
  | { kind: 'Flatten'; path: PathStep[]; node: PlanNode }
  | { kind: 'Condition'; condition: string; ifClause?: PlanNode; elseClause?: PlanNode }
  | { kind: 'Unsupported'; message: string };

export interface Plan {
  node?: PlanNode;
}
