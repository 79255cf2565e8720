/** The rules of scheduler files: schedule and time zone, request shape, body and target. */
import type { SchedulerCode } from './codes';
import type { CheckContext, Entity, EnvCheckContext } from '../../core/module-type';
import { didYouMean } from '../../core/suggest';
import { RUN_DATE_MARKER, runDateMarker } from '../shared/run-date';
import { jsonError, isJsonContentType, sourceOffsetMapper, topLevelStringValues } from './body-json';
import { zoneFits, zoneNamedIn } from './comment-zone';
import { formatInZone, isTimeZone, knownTimeZones, nextRuns, scheduleProblem } from './cron';
import { BODY_METHODS, durationSeconds, type SchedulerConfig } from './schema';
import { mentionsWorkflowReference, WORKFLOW_EXECUTIONS_URL, workflowTarget } from './target';

type SchedulerEntity = Entity<SchedulerConfig>;

/** Largest execution argument the Workflow Executions API accepts (bytes). */
export const MAX_WORKFLOW_ARGUMENT_BYTES = 32 * 1024;

const BODY: readonly string[] = ['http_target', 'body'];

/** Schedule, time zone, and the comment beside the schedule. */
export function checkTiming(entity: SchedulerEntity, ctx: CheckContext<SchedulerCode>): void {
  const { schedule, timezone } = entity.config;
  const scheduleError = scheduleProblem(schedule);
  if (scheduleError) ctx.report('GDP580', ['schedule'], `schedule "${schedule}" ${scheduleError}`);
  const zoneOk = isTimeZone(timezone);
  if (!zoneOk) {
    ctx.report('GDP581', ['timezone'], `timezone "${timezone}" is not a tz database time zone.${didYouMean(timezone, knownTimeZones())}`);
  }
  if (!scheduleError && zoneOk) checkScheduleComment(entity, ctx);
}

function checkScheduleComment(entity: SchedulerEntity, ctx: CheckContext<SchedulerCode>): void {
  const { schedule, timezone } = entity.config;
  // Without a `#` the file has no comment: its syntax tree (parsed again from the text) is not needed.
  if (!entity.file.text.includes('#')) return;
  const comment = (entity.file.nodeAt(['schedule']).node as { comment?: string | null } | undefined)?.comment;
  const named = comment ? zoneNamedIn(comment) : undefined;
  if (!named || zoneFits(named, timezone)) return;
  const runs = nextRuns(schedule, timezone, 3).map((d) => `${formatInZone(d, timezone)} ${timezone} (${formatInZone(d, 'UTC')} UTC)`);
  ctx.report(
    'GDP582',
    ['schedule'],
    `the comment "#${comment}" speaks of ${named.text}, but the job runs in timezone ${timezone}, which wins; the next runs are ${runs.join(', ')}`,
    { hint: `Fix the comment, or set timezone to the zone the comment means${named.text === 'UTC' || named.text === 'GMT' ? ' (Etc/UTC)' : ''}.` },
  );
}

/** Headers, method and retry settings. */
export function checkRequest(entity: SchedulerEntity, ctx: CheckContext<SchedulerCode>): void {
  const { http_target: target, retry_config: retry } = entity.config;
  for (const name of Object.keys(target.headers ?? {})) {
    if (/^(content-length|x-google-.*|x-appengine-.*)$/i.test(name)) {
      ctx.report('GDP583', ['http_target', 'headers', name], `header "${name}" is not allowed: Content-Length, X-Google-* and X-AppEngine-* are set by Cloud Scheduler`, {
        key: true,
      });
    }
  }
  if (target.body !== undefined && !BODY_METHODS.includes(target.http_method)) {
    ctx.report('GDP584', BODY, `a ${target.http_method} request cannot carry a body; only POST, PUT and PATCH can`, {
      hint: 'Remove the body, or set http_method to POST.',
    });
  }
  const workflow = workflowTarget(entity.config);
  if (workflow !== undefined && target.http_method !== 'POST') {
    ctx.report(
      'GDP584',
      ['http_target', 'http_method'],
      `http_method is ${target.http_method}, but workflow "${workflow}" is started by a POST to its trigger_url (${target.http_method} does not start an execution)`,
      { hint: 'Set http_method: POST (the default).' },
    );
  }
  const min = retry?.min_backoff_duration;
  const max = retry?.max_backoff_duration;
  if (min !== undefined && max !== undefined && durationSeconds(min) > durationSeconds(max)) {
    ctx.report('GDP589', ['retry_config', 'min_backoff_duration'], `min_backoff_duration ${min} is longer than max_backoff_duration ${max}`);
  }
}

/** The uri after resolution: a URL, and a reference rather than a hand-written workflow URL. */
export function checkUri(entity: SchedulerEntity, resolved: SchedulerConfig, ctx: EnvCheckContext<SchedulerConfig, SchedulerCode>): void {
  const uri = resolved.http_target.uri;
  let url: URL | undefined;
  try {
    url = new URL(uri);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol)) {
    ctx.report('GDP206', ['http_target', 'uri'], `http_target.uri "${uri}" is not an absolute http(s) URL`, {
      hint: 'Write a full URL such as https://…, or ${workflows.<workflow_name>.trigger_url}.',
    });
    return;
  }
  const handWritten = WORKFLOW_EXECUTIONS_URL.exec(uri);
  if (!handWritten || mentionsWorkflowReference(entity.config)) return;
  // The same workflow in every environment: its generated name holds `-wkf-<logical name>-`.
  const segment = handWritten[1];
  const declared = ctx
    .all('workflows')
    .find((w) => ctx.attributesOf('workflows', w.name)?.trigger_url === uri || segment === w.name || segment.includes(`-wkf-${w.name}-`));
  const suggestion = declared ? `\${workflows.${declared.name}.trigger_url}` : '${workflows.<workflow_name>.trigger_url}';
  ctx.report(
    'GDP587',
    ['http_target', 'uri'],
    `http_target.uri is a Workflow Executions URL written by hand (workflow "${segment}"); write ${suggestion} instead`,
    { hint: `With ${suggestion} gdp checks the workflow exists, deploys it first, fills in \${date} and keeps the URL right in every environment.` },
  );
}

/** The body after resolution: JSON when it should be, size, and `${date}` markers. */
export function checkBody(entity: SchedulerEntity, resolved: SchedulerConfig, ctx: EnvCheckContext<SchedulerConfig, SchedulerCode>): void {
  const written = entity.config.http_target.body;
  const body = resolved.http_target.body;
  if (written === undefined || body === undefined) return;
  const workflow = workflowTarget(entity.config);
  const marker = runDateMarker(entity.config.timezone);
  const toSource = sourceOffsetMapper(written, body, (expr) => (expr.head === 'date' && expr.keys.length === 0 ? marker : undefined));
  const at = (offset: number): number => Math.min(toSource(offset), written.trimEnd().length);
  const markers = occurrences(body, RUN_DATE_MARKER);
  const isJson = isJsonContentType(resolved.http_target.headers) || workflow !== undefined;
  if (!isJson) {
    for (const m of markers) {
      ctx.report('GDP586', BODY, '${date} is only filled in inside a JSON body, but this body is not JSON (no Content-Type: application/json header)', { offset: at(m) });
    }
    return;
  }
  const error = jsonError(body);
  if (error) {
    ctx.report('GDP585', BODY, `body is not valid JSON: ${error.reason}`, { offset: at(error.offset) });
    return;
  }
  if (workflow !== undefined) {
    const size = Buffer.byteLength(JSON.stringify(JSON.parse(body)), 'utf8');
    if (size > MAX_WORKFLOW_ARGUMENT_BYTES) {
      ctx.report('GDP588', BODY, `body is ${size.toLocaleString('en-US')} bytes; a workflow's argument is limited to ${MAX_WORKFLOW_ARGUMENT_BYTES.toLocaleString('en-US')} bytes (32 KB)`);
    }
  }
  const wholeValues = new Set(
    topLevelStringValues(body)
      // The job's own marker, whatever its time zone (an invalid zone is reported once, as GDP581).
      .filter((s) => JSON.parse(body.slice(s.start, s.end)) === runDateMarker(entity.config.timezone))
      .map((s) => s.start + 1),
  );
  for (const m of markers) {
    if (!wholeValues.has(m)) {
      ctx.report('GDP586', BODY, '"${date}" must be a whole JSON string value at the top level of the body; here it is part of a longer string or nested', {
        offset: at(m),
      });
    } else if (workflow === undefined) {
      ctx.report('GDP586', BODY, '${date} is filled in by the workflow gdp deploys, but http_target.uri does not start a gdp workflow', {
        offset: at(m),
        hint: 'Write uri: ${workflows.<workflow_name>.trigger_url}, or compute the date in the service that receives the call.',
      });
    }
  }
}

function occurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}
