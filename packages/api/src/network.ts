// Client addresses reduced to network prefixes (IPv4 /24, IPv6 /48): what rate limiting needs,
// and never the raw address.

/** The /24 or /48 prefix of an address, or null when it is not an IP address. */
export function networkPrefix(address: string): string | null {
  const v4 = parseIPv4(stripMapped(address));
  if (v4) return `${v4.slice(0, 3).join('.')}.0/24`;
  const v6 = parseIPv6(address);
  if (v6)
    return `${v6
      .slice(0, 3)
      .map((h) => h.toString(16))
      .join(':')}::/48`;
  return null;
}

/** True when the address lies in one of the CIDR ranges (e.g. 203.0.113.0/24, 2001:db8::/32). */
export function inRanges(address: string, ranges: readonly string[]): boolean {
  return rangesMatcher(ranges)(address);
}

/**
 * inRanges with the ranges parsed once: for a list checked on every request (the rate limit's
 * allowlist, the trusted proxies).
 */
export function rangesMatcher(ranges: readonly string[]): (address: string) => boolean {
  const parsed = ranges.flatMap((range) => {
    const [base, lengthText] = range.split('/');
    const bits = base ? addressBits(base) : null;
    if (!bits) return [];
    const length = lengthText === undefined ? bits.length : Number(lengthText);
    return [{ size: bits.length, prefix: bits.slice(0, length), length }];
  });
  if (parsed.length === 0) return () => false;
  return (address) => {
    const bits = addressBits(stripMapped(address));
    if (!bits) return false;
    return parsed.some(
      ({ size, prefix, length }) => size === bits.length && bits.slice(0, length) === prefix,
    );
  };
}

export function isValidRange(range: string): boolean {
  const [base, lengthText, extra] = range.split('/');
  if (extra !== undefined || !base) return false;
  const bits = addressBits(base);
  if (!bits) return false;
  if (lengthText === undefined) return true;
  return /^\d{1,3}$/.test(lengthText) && Number(lengthText) <= bits.length;
}

function stripMapped(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
}

function addressBits(address: string): string | null {
  const v4 = parseIPv4(address);
  if (v4) return v4.map((n) => n.toString(2).padStart(8, '0')).join('');
  const v6 = parseIPv6(address);
  if (v6) return v6.map((n) => n.toString(2).padStart(16, '0')).join('');
  return null;
}

const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseIPv4(address: string): number[] | null {
  const match = ipv4.exec(address);
  if (!match) return null;
  const parts = [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4])];
  return parts.every((part) => part <= 255) ? parts : null;
}

function parseIPv6(address: string): number[] | null {
  const clean = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!clean.includes(':') || !/^[0-9a-f:.]+$/i.test(clean)) return null;
  const halves = clean.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string | undefined) => (part ? part.split(':') : []);
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  if (halves.length === 2 ? head.length + tail.length > 7 : head.length !== 8) return null;
  const groups: number[] = [];
  for (const group of [
    ...head,
    ...(halves.length === 2 ? Array(8 - head.length - tail.length).fill('0') : []),
    ...tail,
  ]) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return null;
    groups.push(parseInt(group, 16));
  }
  return groups.length === 8 ? groups : null;
}
