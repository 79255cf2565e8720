/**
 * The Handlebars environment: templates read and compiled once, strict variables, no HTML escaping, and
 * the SQL helpers going through the dialect.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bigQuery, duckDb } from './dialect';
import { renderSql, TEMPLATES_DIR } from './render';

const target = { project: 'acme-data-dv', dataset: 'sales', table: 'orders' };
const audit = { columns: '', values: '', assignments: '' };

describe('renderSql', () => {
  it('reads and compiles each template once', () => {
    jest.isolateModules(() => {
      const real = jest.requireActual<typeof fs>('node:fs');
      const readFileSync = jest.fn(real.readFileSync);
      jest.doMock('node:fs', () => ({ ...real, readFileSync }));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fresh = require('./render') as typeof import('./render');
      for (let i = 0; i < 3; i++) fresh.renderSql('insert', { dialect: bigQuery, target, loaded: ['id'], audit });
      fresh.renderSql('insert', { dialect: duckDb, target, loaded: ['id'], audit });
      fresh.renderSql('dedupe', { dialect: duckDb, columns: ['id'], partitionBy: [], orderBy: '' });
      expect(readFileSync.mock.calls.map(([file]) => path.basename(String(file)))).toEqual(['insert.sql.hbs', 'dedupe.sql.hbs']);
      jest.dontMock('node:fs');
    });
  });

  it('renders the same template for each dialect through its helpers', () => {
    expect(renderSql('insert', { dialect: bigQuery, target, loaded: ['id', 'order'], audit })).toBe(
      'INSERT INTO `acme-data-dv`.`sales`.`orders` (`id`, `order`)\nSELECT S.`id`, S.`order`\nFROM _gdp_source AS S',
    );
    expect(renderSql('insert', { dialect: duckDb, target, loaded: ['id', 'order'], audit })).toBe(
      'INSERT INTO "acme-data-dv"."sales"."orders" ("id", "order")\nSELECT S."id", S."order"\nFROM _gdp_source AS S',
    );
  });

  it('is strict: a missing variable throws instead of rendering empty', () => {
    expect(() => renderSql('insert', { dialect: bigQuery, target, loaded: ['id'] })).toThrow(/"columns" not defined/);
  });

  it('does not HTML-escape', () => {
    expect(renderSql('set-variable', { dialect: bigQuery, variable: '_gdp_x', expression: "a < b AND c > 'd&e'" })).toBe(
      "SET _gdp_x = (a < b AND c > 'd&e')",
    );
  });

  it('has a template for every dialect-specific file load', () => {
    for (const d of [bigQuery, duckDb]) expect(fs.existsSync(path.join(TEMPLATES_DIR, `stage-files.${d.id}.sql.hbs`))).toBe(true);
  });
});
