/**
 * Where user SQL and generated statements sit in a rendered procedure (renderMappedLoadProcedure): the
 * body is exactly the deployed one, a condition used by two statements has two places, and a body that
 * holds the mark characters itself gets no places rather than wrong ones.
 */
import { renderLoadProcedure, renderMappedLoadProcedure, type LoadSpec, type PieceRange } from './spec';
import { ordersSpec } from './__fixtures__/fixtures';

const textOf = (sql: string, p: PieceRange): string => sql.slice(p.start, p.end);

const querySpec = (sql: string): LoadSpec =>
  ordersSpec('upsert', {
    source: { kind: 'query', sql },
    quality: [
      { name: 'positive', kind: 'condition', condition: '  amount >= 0 -- no refunds\n', severity: 'quarantine' },
      { name: 'known_status', kind: 'condition', condition: "status IN ('open', 'paid')", severity: 'fail' },
    ],
    rejectedTable: { project: 'test-proj', dataset: 'sales', table: 'orders_rejected' },
  });

describe('renderMappedLoadProcedure', () => {
  it('gives the deployed body with the places of the query, each condition use and each statement', () => {
    const spec = querySpec('SELECT * FROM `test-proj.sales.orders_staging`;\n');
    const { sql, pieces } = renderMappedLoadProcedure(spec);
    expect(sql).toBe(renderLoadProcedure(spec));
    const user = pieces.filter((p) => p.kind !== 'statement');
    expect(user.map((p) => [p.kind === 'condition' ? `condition ${p.rule}` : p.kind, textOf(sql, p)])).toEqual([
      ['query', 'SELECT * FROM `test-proj.sales.orders_staging`'],
      ['condition 1', "status IN ('open', 'paid')"],
      ['condition 0', 'amount >= 0 -- no refunds'],
      ['condition 0', 'amount >= 0 -- no refunds'],
    ]);
    const statements = pieces.filter((p): p is Extract<PieceRange, { kind: 'statement' }> => p.kind === 'statement');
    expect(statements.map((p) => p.step)).toEqual(expect.arrayContaining(['stage', 'quality:known_status', 'quarantine:positive', 'dedupe', 'merge', 'log_success']));
    const merge = statements.find((p) => p.step === 'merge')!;
    expect(textOf(sql, merge)).toMatch(/^MERGE INTO `test-proj`\.`sales`\.`orders` AS T[\s\S]*VALUES \([^;]*\)$/);
    // Every user piece lies inside one statement.
    for (const p of user) expect(statements.filter((s) => s.start <= p.start && p.end <= s.end)).toHaveLength(1);
  });

  it('gives no places when the body itself holds a mark character', () => {
    const spec = querySpec("SELECT *, '\u{F8F1}' AS odd FROM `test-proj.sales.orders_staging`");
    const { sql, pieces } = renderMappedLoadProcedure(spec);
    expect(sql).toBe(renderLoadProcedure(spec));
    expect(pieces).toEqual([]);
  });
});
