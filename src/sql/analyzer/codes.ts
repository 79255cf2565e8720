import type { CodeTable } from '../../core/code-table';

/** Diagnostic codes of the SQL analyzer. */
export const SQL_ANALYZER_CODES = {
  GDP620: {
    severity: 'error',
    title: 'SQL error',
    hint: 'Fix the SQL at the position shown. gdp checks SQL with ZetaSQL (BigQuery’s SQL front end) against the declared tables; see docs/sql-checks.md.',
  },
  GDP621: { severity: 'error', title: 'SQL syntax error', hint: 'Fix the syntax at the position shown; everything after it was not checked.' },
  GDP622: {
    severity: 'error',
    title: 'Table not found in a gdp dataset',
    hint: 'Fix the table name, or declare the table in configuration/tables/; write declared tables as ${tables["<table>_v<version>"].reference}.',
  },
  GDP623: {
    severity: 'warning',
    title: 'Table not declared: columns not checked',
    hint: 'Declare the table so gdp can check the statements that read it: in configuration/tables/ when gdp creates it, in configuration/existing-tables/ (project, dataset, table, schema) when it exists outside gdp.',
  },
  GDP624: { severity: 'error', title: 'Unknown variable', hint: 'DECLARE the variable at the start of its BEGIN block, or add it to the procedure’s arguments.' },
  GDP625: {
    severity: 'error',
    title: 'Value of the wrong type',
    hint: 'Change the expression, or CAST it to the type expected (CAST(x AS INT64)); IF, ELSEIF, WHILE and UNTIL need a BOOL.',
  },
  GDP626: {
    severity: 'error',
    title: 'Procedure not found in a gdp dataset',
    hint: 'Fix the procedure name, or declare it in configuration/sql-scripts/sprocs/; write declared procedures as ${procedures["<routine>"].reference}.',
  },
  GDP627: {
    severity: 'warning',
    title: 'Procedure not declared: call not checked',
    hint: 'Declare the procedure in configuration/sql-scripts/sprocs/ so gdp can check its arguments.',
  },
  GDP628: {
    severity: 'warning',
    title: 'Function unknown to the SQL checker',
    hint: 'ZetaSQL does not know every BigQuery function (ML.*, some AI/remote functions); the statement was not checked. Check the spelling.',
  },
  GDP629: {
    severity: 'warning',
    title: 'SQL not checked',
    hint: 'The SQL checker (the ZetaSQL server shipped in @fivetrandevelopers/zetasql) could not run; run `npm install` again, or pass --no-sql-check to skip the check.',
  },
  GDP630: {
    severity: 'warning',
    title: 'Temp table created out of sight: not checked',
    hint: 'A procedure called before (or EXECUTE IMMEDIATE) may create this temp table; gdp cannot see inside dynamic SQL. Create the temp table in this script (CREATE TEMP TABLE …) to have the statements that read it checked, or check the name.',
  },
} as const satisfies CodeTable;
