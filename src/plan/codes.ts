import { codeLookup } from '../core/code-catalog';
import type { CodeTable } from '../core/code-table';

/**
 * Diagnostic codes of `gdp plan` (GDP800–GDP829): usage and input problems, then one code per kind of
 * risky change the plan reports (each risk in the plan output carries its code).
 */
export const PLAN_CODES = {
  // Inputs
  GDP800: { severity: 'error', title: 'Unknown git reference or folder', hint: 'Pass a folder that exists or a commit, branch or tag of this repository (fetch it first: `git fetch origin <branch>`).' },
  GDP801: { severity: 'error', title: 'Configuration to compare has errors', hint: 'Fix the errors of that side first (`gdp validate`); nothing is compared while a side is invalid.' },
  GDP802: { severity: 'error', title: 'Invalid Terraform plan', hint: 'Pass --terraform-plan <env>=<file>, the file written by `terraform show -json <planfile>`.' },
  GDP803: { severity: 'error', title: 'Invalid data-loss acknowledgement', hint: 'Each entry needs `address` (a Terraform address from the plan) and `reason`; `environments` is optional.' },
  GDP804: { severity: 'warning', title: 'Acknowledgement matches no change', hint: 'Remove the entry: it acknowledges nothing in this plan (it was probably applied already).' },
  GDP805: { severity: 'error', title: 'Data loss not allowed in this environment', hint: 'Change the configuration so no data is lost, or acknowledge this exact change (allow-data-loss.yaml or --allow-data-loss <env>:<address>).' },
  // Data loss
  GDP810: { severity: 'warning', title: 'Table replaced: its rows are lost', hint: 'Add a new table version (<table>_v2) with the new definition, backfill it, move readers over, then remove the old file.' },
  GDP811: { severity: 'warning', title: 'Table destroyed: its rows are lost', hint: 'Export the data first if it is still needed, or keep the file.' },
  GDP812: { severity: 'warning', title: 'Columns dropped: their data is lost', hint: 'Keep the column (stop writing it) or copy its data first; drop it on purpose with an acknowledgement.' },
  GDP813: { severity: 'warning', title: 'Dataset replaced or destroyed: its tables are lost', hint: 'Create a new dataset (a new file), copy the tables, move references, then remove the old file.' },
  GDP814: { severity: 'warning', title: 'Dataset location changes: the dataset is recreated empty', hint: 'BigQuery cannot move a dataset: create a new dataset in the new location, copy the tables, then remove the old one.' },
  // Changes that cannot be applied as written
  GDP815: { severity: 'warning', title: 'Will fail at apply: deletion_protection', hint: 'Set deletion_protection: false and apply that first (where the environment does not force it), or avoid the replacement.' },
  GDP816: { severity: 'warning', title: 'Terraform plan will refuse: prevent_destroy', hint: 'Avoid the replacement (keep the ForceNew attributes), or create a new resource next to the old one.' },
  GDP817: { severity: 'warning', title: 'Will fail at apply: the partitioning change needs a manual replace', hint: 'Create a new table version with the new partitioning and backfill it; BigQuery cannot change the partitioning of an existing table.' },
  // Disruptions
  GDP818: { severity: 'warning', title: 'Workflow destroyed', hint: 'Make sure no trigger, scheduler job or other workflow still calls it.' },
  GDP819: { severity: 'warning', title: 'Workflow replaced', hint: 'Keep the workflow name and region to update it in place; a replacement cancels running executions and drops their history.' },
  GDP820: { severity: 'warning', title: 'Eventarc trigger removed', hint: 'Make sure the files it reacted to are no longer uploaded, or are processed another way.' },
  GDP821: { severity: 'warning', title: 'Eventarc trigger replaced', hint: 'Events that arrive while the trigger is recreated are not delivered: apply outside upload windows or replay them.' },
  GDP822: { severity: 'warning', title: 'Scheduler job removed', hint: 'Make sure the workflow no longer needs to run on a schedule.' },
  GDP823: { severity: 'warning', title: 'Scheduler job replaced', hint: 'A run due while the job is recreated may be missed: apply outside its schedule or start that run by hand.' },
  GDP824: { severity: 'info', title: 'Provider check on a RECORD column is not deterministic', hint: 'Change the RECORD column’s own type or mode in a separate change, or plan for a replacement.' },
  GDP825: { severity: 'warning', title: 'Column parameter narrowed', hint: 'BigQuery only widens maxLength, precision and scale of existing columns; keep the old value or add a new column.' },
  GDP826: { severity: 'warning', title: 'gdp and Terraform plans disagree', hint: 'Trust the Terraform plan (it knows the real state); the difference usually means drift or a change made outside gdp.' },
  GDP827: { severity: 'warning', title: 'Service account replaced or removed', hint: 'Grants to the old account are lost; workflows, triggers and jobs using it fail until the new grants apply.' },
  GDP828: { severity: 'info', title: 'No plan rules for this resource type', hint: 'gdp classified its changes as updates in place; check the Terraform plan for replacements.' },
} as const satisfies CodeTable;

/** A code of `gdp plan`. */
export type PlanCode = keyof typeof PLAN_CODES;

/** Code lookup for the plan's own diagnostics (the core's codes and the plan's). */
export const PLAN_CODE_LOOKUP = codeLookup(PLAN_CODES);
