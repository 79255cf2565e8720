import type { CodeTable } from '../core/code-table';

/**
 * Codes of `gdp drift`: the state given, and each kind of difference between the
 * Terraform state and the configuration.
 */
export const DRIFT_CODES = {
  GDP830: { severity: 'error', title: 'Unreadable Terraform state', hint: 'Pass --state <file>: the output of `terraform show -json` in the stack folder, or the state file itself (terraform.tfstate, `terraform state pull`).' },
  GDP831: { severity: 'warning', title: 'Orphan: in the state, declared by no file', hint: 'A file was deleted without a plan, or the resource was imported by hand: restore the file, or remove it with a deploy (or `terraform state rm` to keep the cloud resource).' },
  GDP832: { severity: 'warning', title: 'Declared but missing from the state', hint: 'Not deployed yet, or deleted from the state by hand: deploy, or `terraform import` the existing resource.' },
  GDP833: { severity: 'warning', title: 'Changed outside gdp', hint: 'Someone changed the resource (console, gcloud): put the change in the configuration, or deploy to undo it.' },
  GDP834: { severity: 'warning', title: 'In a gdp dataset, not managed by gdp', hint: 'Declare it (a file in configuration/tables/ or sql-scripts/sprocs/, then `terraform import`), or delete it if it is a leftover.' },
} as const satisfies CodeTable;

/** A code of `gdp drift`. */
export type DriftCode = keyof typeof DRIFT_CODES;
