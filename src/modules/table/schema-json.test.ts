import { bigQuerySchemaJson, canonicalColumns } from './schema-json';
import { TableSchema, type TableConfig } from './schema';

/** Parses a table configuration the way the loader does (defaults applied). */
function table(schema: unknown[]): TableConfig {
  return TableSchema.parse({ table_id: 't', dataset: 'sales', version: 1, schema });
}

describe('canonicalColumns', () => {
  it('turns aliases (any case) into canonical types and defaults modes to NULLABLE, at every level', () => {
    // GIVEN columns written with aliases and without modes
    const config = table([
      { name: 'a', type: 'int64' },
      { name: 'b', type: 'Float64', mode: 'REQUIRED' },
      { name: 'c', type: 'BOOL' },
      { name: 'd', type: 'DECIMAL' },
      { name: 'e', type: 'bigdecimal' },
      { name: 's', type: 'STRUCT', mode: 'REPEATED', fields: [{ name: 'x', type: 'INT64' }] },
    ]);
    // WHEN they are made canonical
    const columns = canonicalColumns(config);
    // THEN types are the API's names and every column has a mode
    expect(columns.map((c) => [c.name, c.type, c.mode])).toEqual([
      ['a', 'INTEGER', 'NULLABLE'],
      ['b', 'FLOAT', 'REQUIRED'],
      ['c', 'BOOLEAN', 'NULLABLE'],
      ['d', 'NUMERIC', 'NULLABLE'],
      ['e', 'BIGNUMERIC', 'NULLABLE'],
      ['s', 'RECORD', 'REPEATED'],
    ]);
    expect(columns[5].fields).toEqual([{ name: 'x', type: 'INTEGER', mode: 'NULLABLE' }]);
  });

  it('leaves the configuration untouched', () => {
    const config = table([{ name: 'a', type: 'int64' }]);
    canonicalColumns(config);
    expect(config.schema[0]).toEqual({ name: 'a', type: 'int64' });
  });
});

describe('bigQuerySchemaJson', () => {
  it('emits the API schema: canonical types, explicit modes, camelCase keys, int64 options as strings', () => {
    const config = table([
      { name: 'id', type: 'STRING', mode: 'REQUIRED', description: 'Key', max_length: 64, default_value_expression: 'GENERATE_UUID()' },
      { name: 'amount', type: 'decimal', precision: 18, scale: 2, rounding_mode: 'ROUND_HALF_EVEN' },
      { name: 'tags', type: 'STRING', mode: 'REPEATED' },
      {
        name: 'addr',
        type: 'STRUCT',
        fields: [
          { name: 'city', type: 'STRING', collation: 'und:ci' },
          { name: 'secret', type: 'BYTES', policy_tags: ['projects/p/locations/eu/taxonomies/1/policyTags/2'] },
        ],
      },
      { name: 'validity', type: 'RANGE', range_element_type: 'DATE' },
    ]);
    expect(bigQuerySchemaJson(config)).toEqual([
      { name: 'id', type: 'STRING', mode: 'REQUIRED', description: 'Key', maxLength: '64', defaultValueExpression: 'GENERATE_UUID()' },
      { name: 'amount', type: 'NUMERIC', mode: 'NULLABLE', precision: '18', scale: '2', roundingMode: 'ROUND_HALF_EVEN' },
      { name: 'tags', type: 'STRING', mode: 'REPEATED' },
      {
        name: 'addr',
        type: 'RECORD',
        mode: 'NULLABLE',
        fields: [
          { name: 'city', type: 'STRING', mode: 'NULLABLE', collation: 'und:ci' },
          { name: 'secret', type: 'BYTES', mode: 'NULLABLE', policyTags: { names: ['projects/p/locations/eu/taxonomies/1/policyTags/2'] } },
        ],
      },
      { name: 'validity', type: 'RANGE', mode: 'NULLABLE', rangeElementType: { type: 'DATE' } },
    ]);
  });

  it('keeps an empty collation (binary) and produces JSON without snake_case keys', () => {
    const json = JSON.stringify(bigQuerySchemaJson(table([{ name: 's', type: 'STRING', collation: '', max_length: 3 }])));
    expect(json).toBe('[{"name":"s","type":"STRING","mode":"NULLABLE","maxLength":"3","collation":""}]');
    expect(json).not.toMatch(/_[a-z]+"/);
  });
});
