// The CSV of exports: what a French spreadsheet opens as is, with formulas neutralised.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvCell, suppress, toCsv } from '../src/exports/csv.js';

describe('CSV exports', () => {
  it('starts with a UTF-8 byte order mark, separates with ; and ends lines with CRLF', () => {
    const csv = toCsv(['option', 'votes'], [['Forêt', 12]]);
    assert.equal(csv, '\uFEFFoption;votes\r\nForêt;12\r\n');
    assert.deepEqual([...new TextEncoder().encode(csv).slice(0, 3)], [0xef, 0xbb, 0xbf]);
  });

  it('neutralises every formula start with a leading apostrophe', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const cell = csvCell(`${start}1+1`, ';');
      assert.match(cell, /^"?'/, JSON.stringify(start));
    }
    assert.equal(csvCell('=HYPERLINK("http://x")', ';'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvCell(-3, ';'), '-3', 'a negative number is a number, not a formula');
    assert.equal(csvCell('Rue de la Paix', ';'), 'Rue de la Paix');
  });

  it('quotes separators, quotes and line breaks', () => {
    assert.equal(csvCell('a;b', ';'), '"a;b"');
    assert.equal(csvCell('dit "non"', ';'), '"dit ""non"""');
    assert.equal(csvCell('deux\nlignes', ';'), '"deux\nlignes"');
    assert.equal(csvCell(null, ';'), '');
  });

  it('suppresses counts from 1 to the threshold minus one', () => {
    assert.equal(suppress(0, 5), 0);
    assert.equal(suppress(1, 5), '< 5');
    assert.equal(suppress(4, 5), '< 5');
    assert.equal(suppress(5, 5), 5);
    assert.equal(suppress(2, 1), 2, 'a threshold of 1 suppresses nothing');
  });
});
