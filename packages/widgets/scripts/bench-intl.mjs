// What building an Intl formatter costs next to using one (the widgets keep one per locale and
// options, shared/format.ts and shared/localize.ts): `node packages/widgets/scripts/bench-intl.mjs`.
// Same engine as Chromium's (V8 with ICU); the figures are per call, after a warm-up.
const date = new Date('2027-03-01T10:00:00Z');
const dateOptions = {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
};
const calls = 5000;

function time(label, run) {
  run();
  const start = performance.now();
  for (let i = 0; i < calls; i += 1) run();
  console.log(
    `${label.padEnd(40)} ${(((performance.now() - start) / calls) * 1000).toFixed(1)} µs`,
  );
}

const dates = new Intl.DateTimeFormat('fr', dateOptions);
const numbers = new Intl.NumberFormat('fr');
const plurals = new Intl.PluralRules('fr');
time('date: new DateTimeFormat, then format', () =>
  new Intl.DateTimeFormat('fr', dateOptions).format(date),
);
time('date: kept DateTimeFormat', () => dates.format(date));
time('count: new NumberFormat, then format', () => new Intl.NumberFormat('fr').format(1234));
time('count: kept NumberFormat', () => numbers.format(1234));
time('plural: new PluralRules, then select', () => new Intl.PluralRules('fr').select(3));
time('plural: kept PluralRules', () => plurals.select(3));
