/**
 * A scan's SQL for the analyzer: row filter, row and table conditions, SQL assertions. Dataplex runs each
 * against the scanned table, so each is checked in the query it stands for: a row filter or row
 * condition as the WHERE of a query on the table (a BOOL per row), a table condition as the HAVING of an
 * aggregate query on it (an aggregate BOOL), an assertion as written with `${data()}` standing for the table.
 */
import type { SqlBody } from '../../core/module-type';
import type { ValuePath } from '../../core/source';
import { templateOffsetMap } from '../../sql/analyzer/template-offsets';
import type { DataQualityConfig, RuleConfig } from './schema';

/** Dataplex's placeholder for the scanned rows in a SQL assertion (written `$${data()}` in gdp files). */
export const DATA_PLACEHOLDER = '${data()}';

/** A SQL text built around the user's text, with the map from offsets in it back to what was written. */
function wrapped(raw: string, resolved: string, prefix: string, suffix: string, path: ValuePath): SqlBody {
  const toRaw = templateOffsetMap(raw, resolved);
  return {
    sql: `${prefix}${resolved}${suffix}`,
    kind: 'procedure-body',
    path,
    mapOffset: (offset) => {
      const inside = Math.max(0, Math.min(offset - prefix.length, resolved.length));
      return toRaw ? toRaw(inside) : inside;
    },
  };
}

/** An assertion with each `${data()}` replaced by the table, offsets mapped back across the replacements. */
function assertion(raw: string, resolved: string, table: string, path: ValuePath): SqlBody {
  const toRaw = templateOffsetMap(raw, resolved);
  const parts = resolved.split(DATA_PLACEHOLDER);
  return {
    sql: parts.join(table),
    kind: 'procedure-body',
    path,
    mapOffset: (offset) => {
      // Walk the pieces: an offset inside a replacement goes to the start of its placeholder.
      let sqlAt = 0;
      let resolvedAt = 0;
      let inResolved = offset;
      for (let i = 0; i < parts.length; i++) {
        const end = sqlAt + parts[i].length;
        if (offset <= end || i === parts.length - 1) {
          inResolved = resolvedAt + Math.min(offset - sqlAt, parts[i].length);
          break;
        }
        if (offset < end + table.length) {
          inResolved = resolvedAt + parts[i].length;
          break;
        }
        sqlAt = end + table.length;
        resolvedAt += parts[i].length + DATA_PLACEHOLDER.length;
      }
      return toRaw ? toRaw(inResolved) : inResolved;
    },
  };
}

/** Every SQL text of a scan; `written` is the file as written, `resolved` for the environment, `table` the scanned table quoted. */
export function scanSqlBodies(written: DataQualityConfig, resolved: DataQualityConfig, table: string, freshness: (rule: RuleConfig) => string): SqlBody[] {
  const bodies: SqlBody[] = [];
  const from = `SELECT 1 FROM ${table} WHERE (\n`;
  if (resolved.row_filter !== undefined && written.row_filter !== undefined) bodies.push(wrapped(written.row_filter, resolved.row_filter, from, '\n)', ['row_filter']));
  resolved.rules.forEach((rule, i) => {
    const raw = written.rules[i];
    if (rule.type === 'row_condition' && rule.expression !== undefined && raw.expression !== undefined) {
      bodies.push(wrapped(raw.expression, rule.expression, from, '\n)', ['rules', i, 'expression']));
    } else if (rule.type === 'table_condition' && rule.expression !== undefined && raw.expression !== undefined) {
      bodies.push(wrapped(raw.expression, rule.expression, `SELECT COUNT(*) FROM ${table} HAVING (\n`, '\n)', ['rules', i, 'expression']));
    } else if (rule.type === 'sql_assertion' && rule.sql !== undefined && raw.sql !== undefined) {
      bodies.push(assertion(raw.sql, rule.sql, table, ['rules', i, 'sql']));
    } else if (rule.type === 'freshness') {
      // gdp writes this condition: checking it guards the generator (findings point at the rule's type).
      const condition = freshness(rule);
      bodies.push({ sql: `SELECT COUNT(*) FROM ${table} HAVING (${condition})`, kind: 'procedure-body', path: ['rules', i, 'type'] });
    }
  });
  return bodies;
}
