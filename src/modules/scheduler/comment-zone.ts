/**
 * Time zones named in the comment beside a schedule (`"0 6 * * *"  # Daily at 6 AM UTC`), compared
 * with the job's real time zone.
 */
import { isTimeZone, knownTimeZones, utcOffsetMinutes } from './cron';

/**
 * Common abbreviations and the UTC offsets (minutes) they stand for. UTC and GMT stand for the whole
 * year (winter and summer), the others for one season.
 */
const ABBREVIATIONS: Readonly<Record<string, readonly number[]>> = {
  UTC: [0, 0], GMT: [0, 0], WET: [0], WEST: [60], BST: [60], CET: [60], CEST: [120], EET: [120], EEST: [180], MSK: [180],
  EST: [-300], EDT: [-240], CST: [-360], CDT: [-300], MST: [-420], MDT: [-360], PST: [-480], PDT: [-420],
  JST: [540], KST: [540], AEST: [600], AEDT: [660], NZST: [720], NZDT: [780],
};

/** A time zone named in a comment. */
export interface NamedZone {
  /** As written (`UTC`, `Europe/London`). */
  readonly text: string;
  /** Offsets (minutes): two (January, July) for a whole-year zone, one for a seasonal abbreviation. */
  readonly offsets: readonly number[];
}

/** Two instants that show a zone's standard and daylight-saving offsets in either hemisphere. */
const SAMPLE_DATES = [new Date(Date.UTC(2025, 0, 15, 12)), new Date(Date.UTC(2025, 6, 15, 12))];

function zoneOffsets(zone: string): number[] {
  return SAMPLE_DATES.map((d) => utcOffsetMinutes(zone, d));
}

/** The first time zone a comment names (a tz database name or a common abbreviation such as UTC or CET). */
export function zoneNamedIn(comment: string): NamedZone | undefined {
  const known = new Set(knownTimeZones());
  for (const m of comment.matchAll(/[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+|[A-Za-z]+/g)) {
    const word = m[0];
    if (word.includes('/') && (known.has(word) || isTimeZone(word))) return { text: word, offsets: zoneOffsets(word) };
    if (Object.prototype.hasOwnProperty.call(ABBREVIATIONS, word)) return { text: word, offsets: ABBREVIATIONS[word] };
  }
  return undefined;
}

/**
 * True when a named zone describes the job's clock: a tz name with the same winter and summer offsets,
 * or a seasonal abbreviation whose offset the zone has in winter or in summer (CET and CEST both fit
 * Europe/Paris; UTC fits only zones at +00:00 all year).
 */
export function zoneFits(named: NamedZone, timezone: string): boolean {
  const actual = zoneOffsets(timezone);
  if (named.offsets.length === actual.length) return named.offsets.every((o, i) => o === actual[i]);
  return named.offsets.every((o) => actual.includes(o));
}
