import type { CodeTable } from '../../core/code-table';

/** Diagnostic codes of the workflow module. */
export const WORKFLOW_CODES = {
  GDP540: {
    severity: 'error',
    title: 'Malformed workflow step',
    hint: 'Write a step as "- name: <step>" followed by its fields, or in Cloud Workflows form as "- <step>: {call: …}".',
  },
  GDP541: { severity: 'error', title: 'Unknown field in a workflow step', hint: 'Remove the field or fix its spelling.' },
  GDP542: {
    severity: 'error',
    title: 'Workflow step does more than one thing',
    hint: 'Split the step in two: a step does one thing (assign, call, switch, return, raise, try, for, parallel or steps), optionally followed by next.',
  },
  GDP543: {
    severity: 'error',
    title: 'Incomplete workflow step',
    hint: 'Give the step an action (assign, call, switch, return, raise, try, for, parallel or steps), or a next.',
  },
  GDP544: {
    severity: 'error',
    title: 'Duplicate step name',
    hint: 'Rename one of the steps: Cloud Workflows needs step names unique within the workflow and within each subworkflow.',
  },
  GDP545: {
    severity: 'error',
    title: 'Unknown jump target',
    hint: 'next takes the name of a step of the same block (or an enclosing one), end, or break/continue inside a for loop.',
  },
  GDP546: {
    severity: 'error',
    title: 'Invalid assign',
    hint: 'assign is a list of 1 to 50 one-key mappings: "- variable: value".',
  },
  GDP547: {
    severity: 'error',
    title: 'Invalid switch',
    hint: 'switch is a list of 1 to 50 conditions, each "- condition: $${…}" followed by next, steps, assign, call, return or raise.',
  },
  GDP548: {
    severity: 'error',
    title: 'Invalid try, retry or except',
    hint: 'try holds a call (or steps); retry is $${http.default_retry} or {predicate, max_retries, backoff}; except is {as: e, steps: [...]}.',
  },
  GDP549: {
    severity: 'error',
    title: 'Invalid for loop',
    hint: 'for needs value, either in (a list or an expression) or range ([first, last]), and steps.',
  },
  GDP550: {
    severity: 'error',
    title: 'Invalid parallel step',
    hint: 'parallel needs branches (1 to 10 named steps, each with steps) or for; parallel steps nest at most 2 deep.',
  },
  GDP551: {
    severity: 'error',
    title: 'Workflow expression too long',
    hint: 'Cloud Workflows expressions hold at most 400 characters: compute parts in earlier assign steps.',
  },
  GDP552: {
    severity: 'error',
    title: 'Unknown subworkflow',
    hint: 'Call a standard library function or connector (with a dot, e.g. http.get), or a subworkflow declared under subworkflows.',
  },
  GDP553: {
    severity: 'error',
    title: 'Invalid call',
    hint: 'call is a function name, args a mapping of argument names to values, result a variable name.',
  },
  GDP554: {
    severity: 'warning',
    title: 'jobs.query used to run a procedure',
    hint: 'Use googleapis.bigquery.v2.jobs.insert (body.configuration.query.query): it waits until the job is done, while jobs.query returns after timeoutMs with jobComplete: false.',
  },
  GDP555: {
    severity: 'info',
    title: 'Dashed project path quoted in embedded SQL',
    hint: 'BigQuery rejects a project id with "-" unquoted in routine paths; gdp deploys the path in backticks. Quote it yourself (`project.dataset.routine`), or write ${procedures["<name>"].reference}, which is quoted.',
  },
  GDP556: {
    severity: 'error',
    title: 'Invalid workflow parameters',
    hint: 'main takes at most one parameter (the execution argument); subworkflow parameters are names or one-key mappings "name: default".',
  },
  GDP557: {
    severity: 'error',
    title: 'Invalid subworkflow name',
    hint: 'Name subworkflows with letters, digits and "_", starting with a letter; "main" is the workflow itself.',
  },
  GDP558: {
    severity: 'warning',
    title: 'Jump that never runs',
    hint: 'Remove next: a step that returns or raises never continues.',
  },
  GDP559: {
    severity: 'error',
    title: 'Invalid workflow service account',
    hint: 'Give a service account email (name@project.iam.gserviceaccount.com) or ${service_accounts.workflows}.',
  },
  GDP610: {
    severity: 'error',
    title: 'Ambiguous name in a workflow',
    hint: 'Write $${name} for the workflow variable (evaluated at run time), or rename the variable to keep ${name} for gdp’s value.',
  },
  GDP611: {
    severity: 'error',
    title: 'Not a Cloud Workflows definition',
    hint: 'gdp import workflow reads a Cloud Workflows file: a top-level "main:" (params and steps) with subworkflows beside it, or a list of steps.',
  },
  GDP612: {
    severity: 'error',
    title: 'Imported workflow file exists',
    hint: 'Give another --name, or move the existing file away: gdp never overwrites a configuration file.',
  },
} as const satisfies CodeTable;

/** A code of this module. */
export type WorkflowCode = keyof typeof WORKFLOW_CODES;
