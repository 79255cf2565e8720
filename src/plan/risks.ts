/**
 * What a change risks and what to do instead: data loss (tables, datasets, dropped columns), changes that
 * will fail (deletion_protection, prevent_destroy, partitioning) and disruptions (workflows, triggers,
 * scheduler jobs, service accounts). One function per resource type, in a table.
 */
import { cloudRunJobRisks, cloudRunServiceRisks } from './cloud-run-risks';
import type { ChangeFacts } from './classify';
import type { Risk, RiskKind, Values } from './model';
import { rulesFor, tableHoldsData } from './resource-rules';

/** How a reader can go ahead on purpose in an environment that does not allow data loss. */
const OPT_IN = 'To do it on purpose where data loss is not allowed, acknowledge it: add the address to allow-data-loss.yaml (or pass --allow-data-loss <env>:<address>); see docs/plan.md.';

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** The next version of a table id: `orders_v1` → `orders_v2`, `orders` → `orders_v2`. */
export function nextVersion(tableId: string): string {
  const m = /^(.*)_v(\d+)$/.exec(tableId);
  return m ? `${m[1]}_v${Number(m[2]) + 1}` : `${tableId}_v2`;
}

function tableRisks(c: ChangeFacts): Risk[] {
  const values = (c.before ?? c.after) as Values;
  const id = text(values.table_id) || c.name;
  const out: Risk[] = [];
  if (c.action === 'replace' && c.before && tableHoldsData(c.before)) {
    out.push({
      code: 'GDP810',
      kind: 'data-loss',
      message: `table ${id} is destroyed and created again (${c.replaceReasons.join('; ')}), so every row is lost`,
      advice: `Keep ${id} unchanged and declare the new definition as a new table ${nextVersion(id)}, backfilled from ${id}: \`gdp evolve table ${id}\` writes both (and moves readers with --move-readers); remove the old file once nothing reads it. ${OPT_IN}`,
    });
  }
  if (c.action === 'destroy' && c.before && tableHoldsData(c.before)) {
    out.push({
      code: 'GDP811',
      kind: 'data-loss',
      message: `table ${id} is deleted with every row`,
      advice: `If the data is still needed, export or copy it first (bq extract, or CREATE TABLE … COPY), or keep the file. ${OPT_IN}`,
    });
  }
  const dropped = c.action === 'update' ? (c.schema?.droppedInPlace ?? []) : [];
  if (dropped.length > 0) {
    out.push({
      code: 'GDP812',
      kind: 'data-loss',
      message: `column${dropped.length > 1 ? 's' : ''} ${dropped.join(', ')} of table ${id} ${dropped.length > 1 ? 'are' : 'is'} dropped in place (ALTER TABLE DROP COLUMN): the data in ${dropped.length > 1 ? 'them' : 'it'} is lost`,
      advice: `Keep the column (stop writing it and say so in its description), or copy its data elsewhere first. ${OPT_IN}`,
    });
  }
  if (c.applyFailures.length > 0) {
    out.push({
      code: 'GDP817',
      kind: 'apply-fails',
      message: `the provider sends ${c.applyFailures.join('; ')} as an update of table ${id}, and BigQuery cannot change an existing table's partitioning: the apply will fail`,
      advice: `Declare a new table ${nextVersion(id)} with the new partitioning and backfill it. If losing the rows is acceptable, run \`terraform apply -replace=${c.address}\` after deletion_protection is false.`,
    });
  }
  for (const column of c.schema?.nondeterministic ?? []) {
    out.push({
      code: 'GDP824',
      kind: 'notice',
      message: `the type or mode of RECORD column ${column} changes: the provider checks it only on some runs (Go map order), so Terraform may plan an update or a replacement; gdp counts a replacement`,
      advice: 'Change the RECORD column itself in a change of its own, or plan for a replacement.',
    });
  }
  if (c.action === 'update' && (c.schema?.narrowed.length ?? 0) > 0) {
    out.push({
      code: 'GDP825',
      kind: 'apply-fails',
      message: `maxLength, precision or scale of ${c.schema!.narrowed.join(', ')} gets smaller: the provider updates in place, and BigQuery is expected to reject a narrower column`,
      advice: 'Keep the old value, or add a new column with the narrower definition and copy the data.',
    });
  }
  return out;
}

function datasetRisks(c: ChangeFacts): Risk[] {
  const id = text((c.before ?? c.after)?.dataset_id) || c.name;
  if (c.action === 'replace') {
    const [from, to] = [text(c.before?.location), text(c.after?.location)];
    if (from.toLowerCase() !== to.toLowerCase()) {
      return [
        {
          code: 'GDP814',
          kind: 'data-loss',
          message: `dataset ${id} moves from ${from} to ${to}: BigQuery cannot move a dataset, so Terraform deletes it with all its tables and creates an empty one`,
          advice: `Keep ${id} where it is and declare a new dataset in ${to} (a new file); copy the tables (BigQuery dataset copy or CREATE TABLE … COPY), move the tables' files and references to it, then remove the old file. ${OPT_IN}`,
        },
      ];
    }
    return [
      {
        code: 'GDP813',
        kind: 'data-loss',
        message: `dataset ${id} is destroyed and created again (${c.replaceReasons.join('; ')}): every table in it is lost`,
        advice: `Keep the dataset's id and project; to rename it, declare a new dataset, copy the tables, then remove the old file. ${OPT_IN}`,
      },
    ];
  }
  if (c.action === 'destroy') {
    const contents = c.before?.delete_contents_on_destroy === true ? 'its tables are deleted with it' : 'the delete fails while it still holds tables gdp does not manage';
    return [
      {
        code: 'GDP813',
        kind: 'data-loss',
        message: `dataset ${id} is deleted (${contents}); prevent_destroy does not stop this, because the resource is gone from the configuration`,
        advice: `If its tables are still needed, copy them first, or keep the file. ${OPT_IN}`,
      },
    ];
  }
  return [];
}

function workflowRisks(c: ChangeFacts): Risk[] {
  const name = text((c.before ?? c.after)?.name) || c.name;
  if (c.action === 'destroy') {
    return [{ code: 'GDP818', kind: 'disruption', message: `workflow ${name} is deleted: running executions are cancelled and anything that still calls it fails`, advice: 'Remove the triggers, scheduler jobs and workflows that call it in the same change (or first), and check that no one else calls it.' }];
  }
  if (c.action === 'replace') {
    return [{ code: 'GDP819', kind: 'disruption', message: `workflow ${name} is deleted and created again (${c.replaceReasons.join('; ')}): running executions are cancelled and its execution history is gone`, advice: 'Keep the workflow name and region to update it in place; apply when no execution is running.' }];
  }
  return [];
}

function triggerRisks(c: ChangeFacts): Risk[] {
  const name = text((c.before ?? c.after)?.name) || c.name;
  if (c.action === 'destroy') {
    return [{ code: 'GDP820', kind: 'disruption', message: `Eventarc trigger ${name} is removed: its events no longer start the workflow`, advice: 'Make sure the files it reacted to are no longer uploaded, or are processed another way.' }];
  }
  if (c.action === 'replace') {
    return [{ code: 'GDP821', kind: 'disruption', message: `Eventarc trigger ${name} is deleted and created again (${c.replaceReasons.join('; ')}): events that arrive meanwhile are not delivered`, advice: 'Apply outside upload windows, or replay the objects that arrived during the apply.' }];
  }
  return [];
}

function schedulerRisks(c: ChangeFacts): Risk[] {
  const name = text((c.before ?? c.after)?.name) || c.name;
  if (c.action === 'destroy') {
    return [{ code: 'GDP822', kind: 'disruption', message: `scheduler job ${name} is removed: its workflow no longer runs on schedule`, advice: 'Make sure the workflow no longer needs to run on a schedule, or that something else starts it.' }];
  }
  if (c.action === 'replace') {
    return [{ code: 'GDP823', kind: 'disruption', message: `scheduler job ${name} is deleted and created again (${c.replaceReasons.join('; ')}): a run due meanwhile may be missed`, advice: 'Apply outside the schedule, or start a missed run by hand.' }];
  }
  return [];
}

function serviceAccountRisks(c: ChangeFacts): Risk[] {
  if (c.action !== 'destroy' && c.action !== 'replace') return [];
  const id = text((c.before ?? c.after)?.account_id) || c.name;
  return [{ code: 'GDP827', kind: 'disruption', message: `service account ${id} is ${c.action === 'destroy' ? 'deleted' : 'deleted and created again'}: grants bound to it are lost`, advice: 'Apply when nothing runs as this account; the grants gdp manages are created again in the same apply.' }];
}

const TYPE_RISKS: Readonly<Record<string, (c: ChangeFacts) => Risk[]>> = {
  google_bigquery_table: tableRisks,
  google_bigquery_dataset: datasetRisks,
  google_workflows_workflow: workflowRisks,
  google_eventarc_trigger: triggerRisks,
  google_cloud_scheduler_job: schedulerRisks,
  google_service_account: serviceAccountRisks,
  google_cloud_run_v2_service: cloudRunServiceRisks,
  google_cloud_run_v2_job: cloudRunJobRisks,
};

/** The resource's cloud name: table id, dataset id, workflow or job name; the Terraform name otherwise. */
function shownName(c: ChangeFacts): string {
  const v = c.before ?? c.after ?? {};
  return text(v.table_id) || text(v.dataset_id) || text(v.name) || text(v.account_id) || c.name;
}

/** Protection that stops a destroy or replacement (§8). */
function protectionRisks(c: ChangeFacts): Risk[] {
  const rules = rulesFor(c.type);
  const out: Risk[] = [];
  const noun = `${rules?.noun ?? c.type} ${shownName(c)}`;
  if (rules?.deletionProtection && (c.action === 'replace' || c.action === 'destroy') && c.before && c.before.deletion_protection !== false) {
    out.push({
      code: 'GDP815',
      kind: 'apply-fails',
      message: `${noun} has deletion_protection=true in the current state, so the ${c.action === 'replace' ? 'replacement' : 'delete'} will fail at apply (deletion_protection), possibly after other changes were applied`,
      advice: `If the ${c.action === 'replace' ? 'replacement' : 'delete'} is really wanted, first apply deletion_protection: false on its own (not possible where the environment sets force_deletion_protection), then this change.`,
    });
  }
  if (c.action === 'replace' && c.preventDestroy) {
    out.push({
      code: 'GDP816',
      kind: 'plan-refuses',
      message: `${noun} has lifecycle.prevent_destroy: terraform plan will refuse to replace it`,
      advice: 'Keep the attributes that force a replacement, or declare a new resource next to the old one.',
    });
  }
  return out;
}

/** An authoritative binding that removes members the base grants (binding-members.ts). */
function bindingRisks(c: ChangeFacts): Risk[] {
  const removed = c.removedMembers ?? [];
  if (removed.length === 0 || c.action === 'destroy') return [];
  const role = text(c.after?.role);
  return [
    {
      code: 'GDP669',
      kind: 'disruption',
      message: `authoritative binding ${c.address} sets the members of ${role}: ${removed.join(', ')} ${removed.length > 1 ? 'lose' : 'loses'} the role`,
      advice: 'Add them to the grant’s members if they must keep the role, or make the grant additive (remove authoritative: true).',
    },
  ];
}

/**
 * Every risk of one change. `offline` marks gdp's own classification (the notice about types without
 * rules only makes sense there: in a Terraform plan, Terraform decided).
 */
export function assessRisks(c: ChangeFacts, options: { readonly offline: boolean }): Risk[] {
  if (c.action === 'unchanged') return [];
  const typed = TYPE_RISKS[c.type]?.(c) ?? [];
  const unknown: Risk[] =
    options.offline && !rulesFor(c.type) && c.action === 'update'
      ? [{ code: 'GDP828', kind: 'notice', message: `gdp has no rules for ${c.type}: its changes are shown as updates in place`, advice: 'Check the Terraform plan for replacements.' }]
      : [];
  return [...typed, ...protectionRisks(c), ...bindingRisks(c), ...unknown].sort((a, b) => RISK_ORDER.indexOf(a.kind) - RISK_ORDER.indexOf(b.kind));
}

/** Most serious first. */
const RISK_ORDER: readonly RiskKind[] = ['data-loss', 'plan-refuses', 'apply-fails', 'disruption', 'notice'];
