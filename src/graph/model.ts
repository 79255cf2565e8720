/**
 * The lineage graph of one environment: what feeds what. Nodes are tables, procedures, loads,
 * workflows and what starts them; edges point the way data and control flow (a table → the procedure
 * that reads it → the table it writes; a scheduler → the workflow it starts → the procedure it calls).
 */
import type { EnvironmentName } from '../core/environment';

/**
 * What a node stands for. `generated_table` is a table an entity creates itself (a load's log and
 * rejected-rows tables); `external_table` is a table gdp does not manage but SQL reads or writes.
 */
export type LineageNodeKind = 'table' | 'generated_table' | 'external_table' | 'procedure' | 'load' | 'workflow' | 'scheduler' | 'eventarc_trigger' | 'statemachine' | 'service';

/** How two nodes are related; the edge points from the first to the second. */
export type LineageRelation =
  /** table → procedure/load/workflow: its SQL reads the table. */
  | 'reads'
  /** procedure/load/workflow → table: its SQL writes the table. */
  | 'writes'
  /** workflow/procedure → procedure/load: it calls it. */
  | 'calls'
  /** scheduler/trigger/state machine → workflow: it starts it. */
  | 'starts'
  /** any reference the SQL analysis could not classify (e.g. SQL not analysed). */
  | 'uses';

/**
 * A node; `id` is `namespace/name` for declared entities, `external/<project.dataset.table>` (or
 * `generated/…`) for other tables, `service/<label>` for a service a workflow calls.
 */
export interface LineageNode {
  readonly id: string;
  readonly kind: LineageNodeKind;
  /** Logical name (file name) or, for external tables, the full table name. */
  readonly label: string;
  /** Cluster: the logical dataset (or the dataset id of an external table); undefined: orchestration. */
  readonly group?: string;
  /** Where it is declared (configuration file), when it is declared. */
  readonly file?: string;
  /** The name of the resource in the environment (e.g. `project.dataset.table`, a workflow name). */
  readonly cloudName?: string;
}

/** An edge. */
export interface LineageEdge {
  readonly from: string;
  readonly to: string;
  readonly relation: LineageRelation;
}

/** The graph of one environment. */
export interface Lineage {
  readonly env: EnvironmentName;
  readonly nodes: readonly LineageNode[];
  readonly edges: readonly LineageEdge[];
  /** True when procedure and load SQL was analysed (reads/writes known); false: only references. */
  readonly sqlAnalysed: boolean;
}
