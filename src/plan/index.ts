/**
 * `gdp plan`: what a configuration change does to each environment's resources, classified offline with
 * the Google provider's own rules, with risks, the environment's data-loss rule and acknowledgements,
 * and real Terraform plans rendered alongside. See docs/plan.md.
 */
export { runPlan, type PlanOptions, type PlanRun } from './run-plan';
export { renderMarkdown, renderMarkdownErrors, COMMENT_MARKER, MAX_COMMENT_LENGTH } from './render-markdown';
export { renderText } from './render-text';
export { renderJson } from './render-json';
export { PlanUsageError } from './sides';
export { ACKNOWLEDGEMENT_FILE, AcknowledgementFileSchema } from './acknowledgements';
export { analyzeSchema, type SchemaAnalysis, type ColumnChange } from './table-schema';
export { compareStacks, compareResource, type ChangeFacts, type StackJson } from './classify';
export { readTerraformPlan, compareWithTerraform } from './terraform-plan';
export { RESOURCE_RULES } from './resource-rules';
export type * from './model';
