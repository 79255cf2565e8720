import { checkBodyBlock, maskReferences, tokenizeSql } from './body';

describe('checkBodyBlock', () => {
  it.each([
    ['a simple block', 'BEGIN\n  SELECT 1;\nEND;'],
    ['a block without the final semicolon', 'begin select 1; end'],
    ['a labelled block', 'main: BEGIN\n  LEAVE main;\nEND main;'],
    ['comments before and after', '-- header\n/* note */ BEGIN SELECT 1; END; # trailing comment\n'],
    ['nested blocks, IF, LOOP and an exception handler', 'BEGIN\n  IF x THEN BEGIN SELECT 1; END; END IF;\n  LOOP LEAVE; END LOOP;\n  BEGIN\n    BEGIN TRANSACTION;\n    COMMIT TRANSACTION;\n  EXCEPTION WHEN ERROR THEN\n    ROLLBACK TRANSACTION;\n  END;\nEND;'],
    ['WHILE, FOR and REPEAT loops', 'BEGIN\n  WHILE x DO BEGIN SET x = FALSE; END; END WHILE;\n  FOR r IN (SELECT 1 AS n) DO SELECT r.n; END FOR;\n  REPEAT SET i = i + 1; UNTIL i > 3 END REPEAT;\nEND;'],
    ['CASE expressions and statements', 'BEGIN\n  SELECT CASE WHEN a THEN 1 ELSE 2 END AS c;\n  CASE x WHEN 1 THEN SELECT 1; END CASE;\nEND;'],
    ['END and BEGIN inside strings, comments and quoted names', "BEGIN\n  SELECT 'END;' AS `end`, \"BEGIN\", '''END\nEND''' -- END\n  FROM t WHERE t.begin = 1;\nEND;"],
    ['a column called begin', 'BEGIN\n  SELECT begin, a.end FROM t;\nEND;'],
    ['references masked', 'BEGIN\n  MERGE ${tables["x"].reference} AS t USING s ON TRUE WHEN MATCHED THEN DELETE;\nEND;'],
    ['an unterminated string (left to BigQuery)', "BEGIN SELECT 'oops; END;"],
  ])('accepts %s', (_name, body) => {
    expect(checkBodyBlock(body)).toBeUndefined();
  });

  it('reports a body that does not start with BEGIN, at its first word', () => {
    expect(checkBodyBlock('  -- comment\n  MERGE t USING s ON TRUE WHEN MATCHED THEN DELETE;')).toEqual({ kind: 'not-a-block', offset: 15, first: 'MERGE' });
  });

  it('does not take BEGIN TRANSACTION for a block', () => {
    expect(checkBodyBlock('BEGIN TRANSACTION; DELETE FROM t WHERE TRUE; COMMIT;')).toMatchObject({ kind: 'not-a-block', offset: 0 });
    expect(checkBodyBlock('BEGIN; DELETE FROM t WHERE TRUE; COMMIT;')).toMatchObject({ kind: 'not-a-block' });
  });

  it('reports a BEGIN without its END, at the BEGIN', () => {
    expect(checkBodyBlock('\nBEGIN\n  IF x THEN SELECT 1; END IF;\n')).toEqual({ kind: 'unclosed', offset: 1 });
    expect(checkBodyBlock('BEGIN\n  SELECT CASE WHEN a THEN 1 ELSE 2 END;\n')).toEqual({ kind: 'unclosed', offset: 0 });
  });

  it('reports statements after the END that closes the body', () => {
    expect(checkBodyBlock('BEGIN SELECT 1; END;\nSELECT 2;')).toEqual({ kind: 'trailing', offset: 21, blockEnd: 16, first: 'SELECT' });
  });
});

describe('tokenizeSql', () => {
  it('reports where an unterminated comment starts', () => {
    expect(tokenizeSql('SELECT 1; /* never closed')).toEqual({ ok: false, offset: 10 });
  });

  it('keeps offsets when references are masked', () => {
    const body = 'FROM ${x} WHERE';
    expect(maskReferences(body)).toBe('FROM ____ WHERE');
  });
});
