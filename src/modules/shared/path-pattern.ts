/**
 * `path_pattern` of an Eventarc trigger. Direct Cloud Storage events cannot be filtered by object name,
 * so gdp turns the glob into an anchored regular expression (RE2 syntax, as `text.match_regex` in Cloud
 * Workflows expects) that a guard step at the start of the target workflow tests against the object name.
 */

/** Characters with a meaning in regular expressions, escaped when they appear literally in a glob. */
const REGEX_SPECIAL = /[.+^$(){}|[\]\\]/;

/**
 * Converts a glob to an anchored regular expression source: `**` matches any characters (including
 * `/`), `*` any characters except `/`, `?` one character except `/`; everything else is literal.
 *
 * @example globToRegex('daily/*.csv') === '^daily/[^/]*\\.csv$'
 */
export function globToRegex(glob: string): string {
  let out = '^';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      while (glob[i + 1] === '*') i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (REGEX_SPECIAL.test(c)) out += '\\' + c;
    else out += c;
  }
  return out + '$';
}

/** Why a path pattern cannot match any object name, or undefined when it is usable. */
export function pathPatternProblem(pattern: string): string | undefined {
  if (pattern.trim() === '') return 'is empty';
  if (/^gs:\/\//i.test(pattern)) return 'starts with gs://; it is matched against the object name inside the bucket';
  if (pattern.startsWith('/')) return 'starts with "/"; object names never do';
  if (/[\r\n]/.test(pattern)) return 'contains a line break';
  return undefined;
}
