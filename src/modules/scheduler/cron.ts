/**
 * Cron schedules and time zones of Cloud Scheduler jobs, checked with croner and the runtime's
 * time zone database (Intl).
 */
import { Cron } from 'croner';

/**
 * Why a schedule is not a unix cron expression Cloud Scheduler accepts, or undefined when it is.
 * Cloud Scheduler reads exactly five fields; croner's extensions (seconds, `L`, `W`, `#`, `?`,
 * nicknames such as `@daily`) are refused.
 */
export function scheduleProblem(schedule: string): string | undefined {
  // Projects repeat a few schedules in many files: each is checked once per process.
  if (!problems.has(schedule)) problems.set(schedule, findScheduleProblem(schedule));
  return problems.get(schedule);
}

const problems = new Map<string, string | undefined>();

function findScheduleProblem(schedule: string): string | undefined {
  const fields = schedule.trim().split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) {
    return `has ${fields.length} field${fields.length === 1 ? '' : 's'}; unix cron has exactly five (minute hour day-of-month month day-of-week)`;
  }
  const extension = fields.find((f) => /[LW#?]/i.test(f.replace(/\b(JUL|APR|MAY|MAR|JAN|FEB|JUN|AUG|SEP|OCT|NOV|DEC|MON|TUE|WED|THU|FRI|SAT|SUN)\b/gi, '')));
  if (extension) return `uses "${extension}": L, W, # and ? are not part of unix cron`;
  try {
    new Cron(fields.join(' '), { paused: true });
  } catch (e) {
    return `is not valid: ${String((e as Error).message).replace(/^CronPattern: /, '')}`;
  }
  return undefined;
}

/** The next `count` run times of a valid schedule read in a time zone, from `from` (default now). */
export function nextRuns(schedule: string, timezone: string, count: number, from: Date = new Date()): Date[] {
  const job = new Cron(schedule.trim(), { paused: true, timezone });
  try {
    return job.nextRuns(count, from);
  } finally {
    job.stop();
  }
}

/** Every time zone name the runtime knows (canonical names plus UTC aliases). */
export function knownTimeZones(): string[] {
  return [...timeZones()];
}

let zones: ReadonlySet<string> | undefined;
/** The known time zones, listed once per process (listing them costs about a millisecond). */
function timeZones(): ReadonlySet<string> {
  zones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC', 'Etc/GMT']);
  return zones;
}

/**
 * True when `zone` is a tz database name: known to Intl, written with its usual capitals (Intl
 * accepts `europe/paris`, Cloud Scheduler does not).
 */
export function isTimeZone(zone: string): boolean {
  let known = zoneChecks.get(zone);
  if (known === undefined) zoneChecks.set(zone, (known = checkTimeZone(zone)));
  return known;
}

const zoneChecks = new Map<string, boolean>();

function checkTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    return false;
  }
  if (timeZones().has(zone)) return true;
  // Aliases (Europe/Kiev, US/Eastern, EST5EDT): each part starts with a capital.
  return zone.split('/').every((part) => /^[A-Z]/.test(part));
}

/** UTC offset of a zone at an instant, in minutes (`Europe/Paris` in January → 60). */
export function utcOffsetMinutes(zone: string, at: Date): number {
  const text = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(text ?? '');
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** `2025-01-16 06:00` in a time zone. */
export function formatInZone(date: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
