// Participation counted per UTC quarter of an hour by the stores, added up into the days of the
// consultation's time zone: whole-hour, half-hour and quarter-hour offsets, and summer time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { daysIn } from '../src/exports/participation.js';
import { countByQuarter } from '../src/memory-comment-store.js';

describe('participation per day', () => {
  it('is counted per UTC quarter of an hour, minutes rounded down', () => {
    assert.deepEqual(
      countByQuarter([
        '2027-03-01T23:59:59.999Z',
        '2027-03-01T23:45:00.000Z',
        '2027-03-01T23:44:59.000Z',
        '2027-03-02T00:00:00.000Z',
      ]),
      [
        { start: '2027-03-01T23:30', count: 1 },
        { start: '2027-03-01T23:45', count: 2 },
        { start: '2027-03-02T00:00', count: 1 },
      ],
    );
  });

  it('adds quarters up into the days of the consultation’s time zone', () => {
    const quarters = [
      { start: '2027-03-01T18:15', count: 1 },
      { start: '2027-03-01T18:30', count: 2 },
      { start: '2027-03-01T22:45', count: 4 },
      { start: '2027-03-01T23:00', count: 8 },
    ];
    assert.deepEqual(daysIn(quarters, 'UTC'), [{ day: '2027-03-01', count: 15 }]);
    // Paris in winter is UTC+1: 23:00 UTC is midnight.
    assert.deepEqual(daysIn(quarters, 'Europe/Paris'), [
      { day: '2027-03-01', count: 7 },
      { day: '2027-03-02', count: 8 },
    ]);
    // Kolkata is UTC+5:30: 18:30 UTC is midnight.
    assert.deepEqual(daysIn(quarters, 'Asia/Kolkata'), [
      { day: '2027-03-01', count: 1 },
      { day: '2027-03-02', count: 14 },
    ]);
    // Kathmandu is UTC+5:45: 18:15 UTC is midnight.
    assert.deepEqual(daysIn(quarters, 'Asia/Kathmandu'), [{ day: '2027-03-02', count: 15 }]);
    // Martinique is UTC−4.
    assert.deepEqual(daysIn([{ start: '2027-03-02T03:45', count: 3 }], 'America/Martinique'), [
      { day: '2027-03-01', count: 3 },
    ]);
  });

  it('follows summer time', () => {
    // Paris in July is UTC+2: 22:00 UTC is midnight.
    assert.deepEqual(
      daysIn(
        [
          { start: '2027-07-14T21:45', count: 1 },
          { start: '2027-07-14T22:00', count: 1 },
        ],
        'Europe/Paris',
      ),
      [
        { day: '2027-07-14', count: 1 },
        { day: '2027-07-15', count: 1 },
      ],
    );
  });
});
