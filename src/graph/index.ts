/** Lineage: what feeds what, per environment (`gdp graph`, and the impact section of `gdp plan`). */
export { buildLineage } from './build';
export { collectSqlUse, entitySqlTexts, parseEntitySql, type EntitySql, type EntitySqlUse, type EntityUse } from './collect-sql';
export { findNodes, focusLineage, reachable, subgraph, type FocusOptions } from './focus';
export type { Lineage, LineageEdge, LineageNode, LineageNodeKind, LineageRelation } from './model';
export { renderDot } from './render-dot';
export { renderMermaid } from './render-mermaid';
export { renderSvg } from './render-svg';
export { sqlTableUse, tableUseOf, type SqlTableUse } from './sql-tables';
export { lineageOfProject, type LineageOptions, type ProjectLineage } from './project-lineage';
