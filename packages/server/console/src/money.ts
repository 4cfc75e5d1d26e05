// Amounts typed by a person ("1 234,56", "1234.5", "-3") and the contract's integers in hundredths
// (cents, or hundredths of a percent or custom unit). Parsed from the decimal text itself, never
// through a float: 0.29 € is 29 cents, not 28.999….

const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);

/** Hundredths of the typed decimal number, or null when it is not one with at most 2 decimals. */
export function parseHundredths(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f€%]/g, '').replace(',', '.');
  const match = /^([-−])?(\d+)(?:\.(\d{0,2}))?$/.exec(compact);
  if (!match) return null;
  const whole = BigInt(match[2]!) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  if (whole > maxSafe) return null;
  return match[1] ? -Number(whole) : Number(whole);
}

/** The integer as the person would type it back: "1234,5" → "1234,50"; whole numbers without decimals. */
export function formatHundredths(value: number, decimalSeparator: ',' | '.'): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const whole = Math.trunc(abs / 100);
  const rest = abs % 100;
  return rest === 0
    ? `${sign}${whole}`
    : `${sign}${whole}${decimalSeparator}${String(rest).padStart(2, '0')}`;
}
