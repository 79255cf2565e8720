import { NAME_RULES } from '../../core/naming';
import { brief, errors } from '../../testing';
import { resolvedOf } from '../../core/compile/environments';
import type { Diagnostic } from '../../core/diagnostics';
import type { CompileResult } from '../../core/project';
import { compileWithCompanions, seedCompanions, seedText } from '../eventarc-trigger/__fixtures__/companions';
import { runDateMarker } from '../shared/run-date';
import { isJsonContentType, jsonError, sourceOffsetMapper, topLevelStringValues } from './body-json';
import { zoneFits, zoneNamedIn } from './comment-zone';
import { isTimeZone, nextRuns, scheduleProblem } from './cron';
import { isPaused } from '.';
import type { SchedulerConfig } from './schema';
import { runDateWorkflow } from './target';

const SEED = 'triggers/schedulers/daily_transaction_dump.yaml';
const FILE = `configuration/${SEED}`;
const WORKFLOW_URI = '${workflows.process_transactions_workflow.trigger_url}';

/** Compiles a scheduler file with the seed's workflow (and its dataset) beside it. */
function compileJob(text: string): CompileResult {
  return compileWithCompanions({ ...seedCompanions(), [SEED]: text });
}

/** Diagnostics of the scheduler file only. */
function ofJob(result: CompileResult): Diagnostic[] {
  return result.diagnostics.filter((d) => d.file === FILE);
}

/** A job whose http_target lines follow line 3 (`http_target:` is line 4). */
const job = (target: string, top = 'schedule: "0 6 * * *"\n'): string => `name: orders_daily
${top}timezone: Europe/Paris
http_target:
${target}`;

const JSON_HEADERS = '  headers:\n    Content-Type: application/json\n';

describe('scheduler module', () => {
  it('accepts the seed job unchanged and shows the runs in the job’s time zone', () => {
    // GIVEN the seed job and its workflow WHEN compiled for every environment
    const result = compileJob(seedText(SEED));
    // THEN there is no error; the comment that speaks of UTC gets a warning with the next runs
    expect(errors(result).filter((d) => d.file === FILE)).toEqual([]);
    const diagnostics = ofJob(result);
    expect(brief(diagnostics)).toEqual([`GDP582 ${FILE}:3:11`]);
    expect(diagnostics[0].severity).toBe('warning');
    expect(diagnostics[0].message).toMatch(/speaks of UTC, but the job runs in timezone Europe\/Paris, which wins/);
    expect(diagnostics[0].message.match(/\d{4}-\d{2}-\d{2} 06:00 Europe\/Paris \(\d{4}-\d{2}-\d{2} 0[45]:00 UTC\)/g)).toHaveLength(3);
  });

  it('turns ${date} in the seed body into the run-date marker of the job’s time zone', () => {
    const result = compileJob(seedText(SEED));
    const job = result.project.lookup<SchedulerConfig>('schedulers', 'daily_transaction_scheduler')!;
    const resolved = resolvedOf(result.project.environments.get('qa')!, job, 'schedulers')!;
    expect(JSON.parse(resolved.http_target.body!)).toEqual({ source: 'scheduler', date: runDateMarker('Europe/Paris') });
    expect(resolved.http_target.uri).toBe(
      'https://workflowexecutions.googleapis.com/v1/projects/acme-data-qa/locations/europe-west4/workflows/acme-wkf-process_transactions_workflow-ew4-qa/executions',
    );
    const entity = result.project.lookup<SchedulerConfig>('schedulers', 'daily_transaction_scheduler')!;
    expect(runDateWorkflow(entity.config)).toBe('process_transactions_workflow');
    // The URL is computed without the workflow: not a dependency edge.
    expect(result.project.graph.dependenciesOf('schedulers/daily_transaction_scheduler')).not.toContain('workflows/process_transactions_workflow');
  });

  it('names the job after the convention and pauses it where the environment says so', () => {
    const result = compileJob(seedText(SEED));
    const entity = result.project.lookup<SchedulerConfig>('schedulers', 'daily_transaction_scheduler')!;
    const module = result.project.moduleOf(entity);
    const dv = result.project.environments.get('dv')!.env;
    const pd = result.project.environments.get('pd')!.env;
    expect(module.environment!.attributes!(entity, { env: pd, lookup: result.project.lookup, all: result.project.all })).toEqual({
      name: 'acme-sch-daily-transaction-scheduler-ew4-pd',
      region: 'europe-west4',
      id: 'projects/acme-data-pd/locations/europe-west4/jobs/acme-sch-daily-transaction-scheduler-ew4-pd',
    });
    expect(module.environment!.generatedNames!(entity, { env: pd, lookup: result.project.lookup, all: result.project.all })).toEqual([
      { rule: NAME_RULES.scheduler, value: 'acme-sch-daily-transaction-scheduler-ew4-pd', path: ['name'] },
    ]);
    expect(dv.options.pause_schedulers).toBe(true);
    expect(isPaused(entity.config, dv)).toBe(true);
    expect(isPaused(entity.config, pd)).toBe(false);
    expect(isPaused({ ...entity.config, paused: true }, pd)).toBe(true);
  });

  describe('schedule and time zone', () => {
    it.each([
      ['0 6 * *', /has 4 fields; unix cron has exactly five/],
      ['0 0 6 * * *', /has 6 fields/],
      ['@daily', /has 1 field;/],
      ['61 6 * * *', /is not valid: Invalid value for minute/],
      ['0 6 L * *', /uses "L"/],
      ['0 6 * * MON#2', /uses "MON#2"/],
    ])('rejects schedule %s at its value', (schedule, message) => {
      const result = compileJob(job(`  uri: https://example.com/hook\n`, `schedule: "${schedule}"\n`));
      expect(brief(ofJob(result))).toEqual([`GDP580 ${FILE}:2:11`]);
      expect(ofJob(result)[0].message).toMatch(message);
    });

    it.each([
      ['Europe/Pari', 'Europe/Paris'],
      ['europe/paris', 'Europe/Paris'],
      ['Etc/UTX', 'Etc/UTC'],
    ])('rejects time zone %s and suggests %s', (zone, suggestion) => {
      const result = compileJob(job('  uri: https://example.com/hook\n').replace('Europe/Paris', zone));
      expect(brief(ofJob(result))).toEqual([`GDP581 ${FILE}:3:11`]);
      expect(ofJob(result)[0].message).toContain(`Did you mean "${suggestion}"?`);
    });

    it.each([
      ['# 06:00 Paris time (CET)', 'Europe/Paris'],
      ['# 08:00 CEST', 'Europe/Paris'],
      ['# every day at 6 UTC', 'Etc/UTC'],
      ['# same clock as Europe/Amsterdam', 'Europe/Paris'],
      ['# daily', 'Europe/Paris'],
    ])('accepts the comment "%s" beside timezone %s', (comment, zone) => {
      const result = compileJob(job('  uri: https://example.com/hook\n', `schedule: "0 6 * * *"  ${comment}\n`).replace('Europe/Paris', zone));
      expect(ofJob(result)).toEqual([]);
    });

    it('warns when the comment names another tz database zone', () => {
      const result = compileJob(job('  uri: https://example.com/hook\n', 'schedule: "30 7 * * 1-5"  # 07:30 Europe/London\n'));
      expect(brief(ofJob(result))).toEqual([`GDP582 ${FILE}:2:11`]);
      expect(ofJob(result)[0].message).toMatch(/speaks of Europe\/London.*07:30 Europe\/Paris \(\d{4}-\d{2}-\d{2} 0[56]:30 UTC\)/);
    });
  });

  describe('request', () => {
    it('rejects headers Cloud Scheduler sets itself, at the header name', () => {
      const result = compileJob(job('  uri: https://example.com/hook\n  headers:\n    Content-Length: "10"\n    X-Google-Trace: "1"\n'));
      expect(brief(ofJob(result))).toEqual([`GDP583 ${FILE}:7:5`, `GDP583 ${FILE}:8:5`]);
    });

    it('rejects an unknown HTTP method with a suggestion', () => {
      const result = compileJob(job('  uri: https://example.com/hook\n  http_method: PST\n'));
      expect(brief(ofJob(result))).toEqual([`GDP204 ${FILE}:6:16`]);
      expect(ofJob(result)[0].message).toContain('Did you mean "POST"?');
    });

    it('rejects a description over 500 characters', () => {
      const result = compileJob(job('  uri: https://example.com/hook\n') + `description: "${'d'.repeat(501)}"\n`);
      expect(brief(ofJob(result))).toEqual([`GDP205 ${FILE}:6:14`]);
    });

    it('rejects a body on a GET', () => {
      const result = compileJob(job('  uri: https://example.com/hook\n  http_method: GET\n  body: "x"\n'));
      expect(brief(ofJob(result))).toEqual([`GDP584 ${FILE}:7:9`]);
    });

    it('rejects a method other than POST to a workflow', () => {
      const result = compileJob(job(`  uri: ${WORKFLOW_URI}\n  http_method: PUT\n`));
      expect(brief(ofJob(result))).toEqual([`GDP584 ${FILE}:6:16`]);
    });

    it('rejects a uri that is not a URL after resolution', () => {
      const result = compileJob(job('  uri: ${project}/run\n'));
      expect(brief(ofJob(result))).toEqual([`GDP206 ${FILE}:5:8`, `GDP206 ${FILE}:5:8`, `GDP206 ${FILE}:5:8`, `GDP206 ${FILE}:5:8`]);
    });

    it('warns about a Workflow Executions URL written by hand and suggests the reference', () => {
      const url = 'https://workflowexecutions.googleapis.com/v1/projects/acme-data-dv/locations/europe-west4/workflows/acme-wkf-process_transactions_workflow-ew4-dv/executions';
      const result = compileJob(job(`  uri: ${url}\n`));
      const diagnostics = ofJob(result);
      expect(brief(diagnostics)).toEqual([`GDP587 ${FILE}:5:8`]);
      expect(diagnostics[0].severity).toBe('warning');
      expect(diagnostics[0].message).toContain(`write ${WORKFLOW_URI} instead`);
    });

    it.each([
      ['retry_config:\n  min_backoff_duration: 60s\n  max_backoff_duration: 30s\n', 'GDP589', '7:25'],
      ['retry_config: {}\n', 'GDP589', '6:15'],
      ['retry_config:\n  retry_count: 6\n', 'GDP205', '7:16'],
      ['attempt_deadline: 10s\n', 'GDP205', '6:19'],
      ['attempt_deadline: 10m\n', 'GDP206', '6:19'],
    ])('rejects %j', (fields, code, at) => {
      const result = compileJob(job('  uri: https://example.com/hook\n') + fields);
      expect(brief(ofJob(result))).toEqual([`${code} ${FILE}:${at}`]);
    });
  });

  describe('body', () => {
    it('maps a JSON error inside a block body to its line and column', () => {
      const result = compileJob(job(`  uri: ${WORKFLOW_URI}\n${JSON_HEADERS}  body: |\n    {\n      "a": 1,\n    }\n`));
      expect(brief(ofJob(result))).toEqual([`GDP585 ${FILE}:11:5`]);
      expect(ofJob(result)[0].message).toBe('body is not valid JSON: Expected double-quoted property name');
    });

    it('places a JSON error that follows a reference in the text as written', () => {
      // ${project} is 10 characters written and 12 resolved; the error is at "x" in both
      const result = compileJob(job(`  uri: ${WORKFLOW_URI}\n${JSON_HEADERS}  body: |\n    {"project": "\${project}" "x": 1}\n`));
      expect(brief(ofJob(result))).toEqual([`GDP585 ${FILE}:9:30`]);
    });

    it('places a JSON error whose message has no position', () => {
      const result = compileJob(job(`  uri: ${WORKFLOW_URI}\n${JSON_HEADERS}  body: |\n    {"a": }\n`));
      expect(brief(ofJob(result))).toEqual([`GDP585 ${FILE}:9:11`]);
      expect(ofJob(result)[0].message).toBe("body is not valid JSON: Unexpected token '}'");
    });

    it('requires JSON in a body sent to a workflow even without a Content-Type header', () => {
      const result = compileJob(job(`  uri: ${WORKFLOW_URI}\n  body: "mode=daily"\n`));
      expect(brief(ofJob(result))).toEqual([`GDP585 ${FILE}:6:10`]);
    });

    it('checks JSON when the Content-Type header is written in another case, for any target', () => {
      const result = compileJob(job('  uri: https://example.com/hook\n  headers:\n    content-type: "application/json; charset=utf-8"\n  body: \'{"a": 1,}\'\n'));
      expect(brief(ofJob(result))).toEqual([`GDP585 ${FILE}:8:18`]);
    });

    it('leaves a body that is not JSON alone when the target is not a workflow', () => {
      const result = compileJob(job('  uri: https://example.com/hook\n  headers:\n    Content-Type: text/plain\n  body: "{not json"\n'));
      expect(ofJob(result)).toEqual([]);
    });

    it('rejects ${date} nested inside the JSON, at the reference', () => {
      const result = compileJob(job(`  uri: ${WORKFLOW_URI}\n${JSON_HEADERS}  body: |\n    {"meta": {"d": "\${date}"}}\n`));
      expect(brief(ofJob(result))).toEqual([`GDP586 ${FILE}:9:21`]);
    });

    it('rejects ${date} inside a longer string, at the reference', () => {
      const result = compileJob(job(`  uri: ${WORKFLOW_URI}\n${JSON_HEADERS}  body: |\n    {"file": "run-\${date}.csv"}\n`));
      expect(brief(ofJob(result))).toEqual([`GDP586 ${FILE}:9:19`]);
      expect(ofJob(result)[0].message).toMatch(/whole JSON string value at the top level/);
    });

    it('rejects ${date} in a body that is not JSON', () => {
      const result = compileJob(job('  uri: https://example.com/hook\n  body: run ${date}\n'));
      expect(brief(ofJob(result))).toEqual([`GDP586 ${FILE}:6:13`]);
    });

    it('rejects ${date} sent to something other than a gdp workflow', () => {
      const result = compileJob(job(`  uri: https://example.com/hook\n${JSON_HEADERS}  body: '{"date": "\${date}"}'\n`));
      expect(brief(ofJob(result))).toEqual([`GDP586 ${FILE}:8:20`]);
      expect(ofJob(result)[0].message).toMatch(/does not start a gdp workflow/);
    });

    it('rejects ${date} outside the body', () => {
      const result = compileJob(job('  uri: https://example.com/${date}\n'));
      expect(brief(ofJob(result)).every((b) => b === `GDP307 ${FILE}:5:28`)).toBe(true);
    });

    it('rejects a workflow argument over 32 KB', () => {
      const result = compileJob(job(`  uri: ${WORKFLOW_URI}\n  body: '{"data": "${'x'.repeat(33_000)}"}'\n`));
      expect(brief(ofJob(result))).toEqual([`GDP588 ${FILE}:6:9`]);
    });
  });
});

describe('scheduler helpers', () => {
  it('checks cron with croner and time zones with Intl', () => {
    expect(scheduleProblem('*/15 * * * 1-5')).toBeUndefined();
    expect(scheduleProblem('0 6 * JAN,JUL SAT')).toBeUndefined();
    expect(scheduleProblem('0 6 32 * *')).toMatch(/^is not valid: /);
    expect(isTimeZone('Europe/Kiev')).toBe(true);
    expect(isTimeZone('Etc/UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    const runs = nextRuns('0 6 * * *', 'Europe/Paris', 2, new Date(Date.UTC(2025, 0, 15, 12)));
    expect(runs.map((d) => d.toISOString())).toEqual(['2025-01-16T05:00:00.000Z', '2025-01-17T05:00:00.000Z']);
  });

  it('reads time zones from comments', () => {
    expect(zoneNamedIn(' Daily at 6 AM UTC')).toEqual({ text: 'UTC', offsets: [0, 0] });
    expect(zoneNamedIn(' est. daily')).toBeUndefined();
    expect(zoneFits(zoneNamedIn(' UTC')!, 'Europe/London')).toBe(false);
    expect(zoneFits(zoneNamedIn(' GMT')!, 'Etc/UTC')).toBe(true);
    expect(zoneFits(zoneNamedIn(' EST')!, 'America/New_York')).toBe(true);
    expect(zoneFits(zoneNamedIn(' America/Chicago')!, 'America/New_York')).toBe(false);
  });

  it('finds JSON errors, top-level string values and source offsets', () => {
    expect(jsonError('{"a": 1}')).toBeUndefined();
    expect(jsonError('{"a": tru}')).toEqual({ reason: "Unexpected token '}'", offset: 9 });
    expect(jsonError('{"a": 1')).toEqual({ reason: "Expected ',' or '}' after property value", offset: 7 });
    const json = '{"k": "v", "n": {"x": "y"}, "l": ["z"], "e": "a\\"b"}';
    expect(topLevelStringValues(json).map((s) => json.slice(s.start, s.end))).toEqual(['"v"', '"a\\"b"']);
    expect(isJsonContentType({ 'CONTENT-TYPE': 'application/vnd.api+json' })).toBe(true);
    expect(isJsonContentType({ 'Content-Type': 'text/plain' })).toBe(false);
    const source = 'a $${x} ${project} b ${env} c';
    const resolved = 'a ${x} acme-data-dv b dv c';
    const map = sourceOffsetMapper(source, resolved);
    expect(map(resolved.indexOf('{x}'))).toBe(source.indexOf('{x}'));
    expect(map(resolved.indexOf('data'))).toBe(source.indexOf('${project}'));
    expect(map(resolved.indexOf(' b'))).toBe(source.indexOf(' b'));
    expect(map(resolved.indexOf(' c'))).toBe(source.indexOf(' c'));
  });
});
