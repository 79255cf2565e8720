/** The columns of a scanned table, by the names rules use (`record.field` for nested columns). */
import { canonicalType, type CanonicalType, type ColumnConfig } from '../table';

/** A column a rule can name. */
export interface ScanColumn {
  /** Dotted path (`shipping_address.city`). */
  readonly name: string;
  readonly type: CanonicalType | undefined;
  /** The column, or a record it is nested in, is REPEATED: a row holds an array of values. */
  readonly repeated: boolean;
  /** A top-level column. */
  readonly topLevel: boolean;
}

/** Every column of a table schema, nested ones included, by dotted path (lower case keys: BigQuery names ignore case). */
export function scanColumns(schema: readonly ColumnConfig[]): Map<string, ScanColumn> {
  const out = new Map<string, ScanColumn>();
  const visit = (columns: readonly ColumnConfig[], prefix: string, repeated: boolean): void => {
    for (const c of columns) {
      const name = prefix + c.name;
      const rep = repeated || c.mode === 'REPEATED';
      out.set(name.toLowerCase(), { name, type: canonicalType(c.type), repeated: rep, topLevel: prefix === '' });
      if (c.fields) visit(c.fields, `${name}.`, rep);
    }
  };
  visit(schema, '', false);
  return out;
}

/** Number types of BigQuery. */
export const NUMBER_TYPES: readonly CanonicalType[] = ['INTEGER', 'FLOAT', 'NUMERIC', 'BIGNUMERIC'];
/** Date and time types of BigQuery. */
export const TIME_TYPES: readonly CanonicalType[] = ['DATE', 'DATETIME', 'TIMESTAMP', 'TIME'];
