// The console's pure helpers: amounts typed in euros to exact cents, wall-clock times in a
// consultation's time zone to instants with their offset, the ids of list items.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assignIds, slugify } from '../console/src/form-kit.js';
import { formatHundredths, parseHundredths } from '../console/src/money.js';
import { isoToLocal, localToIso } from '../console/src/schedule.js';

describe('amounts typed in euros', () => {
  it('become exact integers of cents, whatever the float would say', () => {
    assert.equal(parseHundredths('0,29'), 29);
    assert.equal(parseHundredths('0.29'), 29);
    assert.equal(parseHundredths('1 234,56'), 123456);
    assert.equal(parseHundredths('1\u202f234,5 €'), 123450);
    assert.equal(parseHundredths('12'), 1200);
    assert.equal(parseHundredths('-3,5'), -350);
    assert.equal(parseHundredths('−3,05'), -305);
    assert.equal(parseHundredths('1.'), 100);
    // 2^53 cents is the edge of exact integers: refused beyond it.
    assert.equal(parseHundredths('90071992547409,91'), Number.MAX_SAFE_INTEGER);
    assert.equal(parseHundredths('90071992547409,92'), null);
  });

  it('refuse what is not an amount with at most two decimals', () => {
    for (const text of ['', '12,345', 'douze', '1,2,3', '1e3', '0x10', '--1', ',5']) {
      assert.equal(parseHundredths(text), null, text);
    }
  });

  it('are written back as typed', () => {
    assert.equal(formatHundredths(123456, ','), '1234,56');
    assert.equal(formatHundredths(123450, '.'), '1234.50');
    assert.equal(formatHundredths(1200, ','), '12');
    assert.equal(formatHundredths(-305, ','), '-3,05');
    for (const cents of [0, 1, 99, 100, 25050, -1, 999_999_999_999]) {
      assert.equal(parseHundredths(formatHundredths(cents, ',')), cents);
    }
  });
});

describe('opening and closing times', () => {
  it('take the offset of the time zone on that day, summer time included', () => {
    assert.equal(localToIso('2027-03-01T09:00', 'Europe/Paris'), '2027-03-01T09:00:00+01:00');
    assert.equal(localToIso('2027-07-01T18:30', 'Europe/Paris'), '2027-07-01T18:30:00+02:00');
    assert.equal(localToIso('2027-03-01T09:00', 'America/Cayenne'), '2027-03-01T09:00:00-03:00');
    assert.equal(localToIso('2027-03-01T09:00', 'Indian/Reunion'), '2027-03-01T09:00:00+04:00');
    assert.equal(localToIso('2027-03-01T09:00', 'UTC'), '2027-03-01T09:00:00+00:00');
    // The night clocks go back: 02:30 happens twice; either instant reads back as 02:30.
    const twice = localToIso('2027-10-31T02:30', 'Europe/Paris')!;
    assert.equal(isoToLocal(twice, 'Europe/Paris'), '2027-10-31T02:30');
  });

  it('read back as the same wall-clock time', () => {
    for (const local of ['2027-01-15T00:00', '2027-03-28T03:00', '2027-12-31T23:59']) {
      for (const zone of ['Europe/Paris', 'America/Cayenne', 'Pacific/Noumea']) {
        assert.equal(isoToLocal(localToIso(local, zone)!, zone), local, `${local} ${zone}`);
      }
    }
    assert.equal(isoToLocal('2027-03-01T08:00:00Z', 'Europe/Paris'), '2027-03-01T09:00');
  });

  it('refuse what is not a date and a time', () => {
    assert.equal(localToIso('', 'Europe/Paris'), null);
    assert.equal(localToIso('2027-03-01', 'Europe/Paris'), null);
    assert.equal(isoToLocal('demain', 'Europe/Paris'), '');
  });
});

describe('ids of list items', () => {
  it('come from the labels, unique, and keep the ids that exist', () => {
    assert.equal(slugify('Éclairage des rues !'), 'eclairage-des-rues');
    assert.equal(slugify('???'), 'item');
    const items = [{ id: 'parc' }, { id: '' }, { id: '' }, { id: '' }];
    const labels = ['Le parc', 'Parc', 'Parc', 'Quai'];
    assignIds(items, (i) => labels[i]!);
    assert.deepEqual(
      items.map((i) => i.id),
      ['parc', 'parc-2', 'parc-3', 'quai'],
    );
  });
});
