// "Adjust the others": spreads an amount over the unlocked lines in proportion to their current
// amounts, each line moving by whole steps inside its min and max. Integers only (cents): the
// ideal shares are computed with BigInt so that no float rounding can make the sum drift.

export interface SpreadLine {
  id: string;
  /** Current amount, an integer. */
  value: number;
  min: number;
  max: number;
  /** A positive integer: the line moves by whole steps. */
  step: number;
}

export interface SpreadResult {
  values: Map<string, number>;
  /** What could not be placed (bounds or steps): 0 when the spread is exact. */
  left: number;
}

const abs = (n: bigint) => (n < 0n ? -n : n);
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));
const ceilDiv = (a: bigint, b: bigint) => -floorDiv(-a, b);
/** Enough to settle any remainder of a few dozen lines; beyond it the nearest fill is kept. */
const maxSearch = 20_000;

/**
 * Moves the given lines by `delta` in total (positive: up, negative: down). First in proportion
 * to the size of each line's amount (to its room when every amount is zero), rounded down to
 * whole steps, lines at a bound handing their share to the others; then the remainder, smaller
 * than the steps, is placed exactly when some combination of steps makes it (else it is left). Returns the new
 * value of every given line and what was left over.
 */
export function spread(lines: readonly SpreadLine[], delta: number): SpreadResult {
  const sign = delta < 0 ? -1n : 1n;
  const state = lines
    .filter((line) => line.step > 0)
    .map((line) => ({
      id: line.id,
      value: BigInt(line.value),
      step: BigInt(line.step),
      // Whole steps the line can still move in the wanted direction.
      taken: 0n,
      room: BigInt(
        Math.max(
          0,
          Math.floor((sign > 0n ? line.max - line.value : line.value - line.min) / line.step),
        ),
      ),
    }));
  let left = abs(BigInt(delta));
  const move = (line: (typeof state)[number], steps: bigint) => {
    line.value += sign * steps * line.step;
    line.room -= steps;
    line.taken += steps;
    left -= steps * line.step;
  };

  // Proportional passes, until no line can take a whole step of its share.
  for (;;) {
    const open = state.filter((line) => line.room > 0n && line.step <= left);
    if (left === 0n || open.length === 0) break;
    let weights = open.map((line) => abs(line.value));
    if (weights.every((w) => w === 0n)) weights = open.map((line) => line.room * line.step);
    const total = weights.reduce((a, b) => a + b, 0n);
    const budget = left;
    let moved = false;
    open.forEach((line, i) => {
      const steps = (budget * (weights[i] as bigint)) / total / line.step;
      const taken = steps < line.room ? steps : line.room;
      if (taken > 0n) {
        move(line, taken);
        moved = true;
      }
    });
    if (!moved) break;
  }

  // The remainder, smaller than the steps still open: an exact combination of whole steps when
  // there is one, each line moving as little as possible from its share (it may give back steps
  // it took, e.g. +1 step of 2.5 k€ and −2 steps of 1 k€ place 0.5 k€).
  const order = [...state].sort((a, b) => (b.step > a.step ? 1 : b.step < a.step ? -1 : 0));
  const up = order.map((_, i) => order.slice(i).reduce((sum, l) => sum + l.room * l.step, 0n));
  const down = order.map((_, i) => order.slice(i).reduce((sum, l) => sum + l.taken * l.step, 0n));
  const divisor = order.map((_, i) => order.slice(i).reduce((g, l) => gcd(l.step, g), 0n));
  const plan: bigint[] = order.map(() => 0n);
  let visits = 0;
  const fill = (rest: bigint, i: number): boolean => {
    if (rest === 0n) return true;
    if (i >= order.length || ++visits > maxSearch) return false;
    if (rest > (up[i] as bigint) || -rest > (down[i] as bigint)) return false;
    if (rest % (divisor[i] as bigint) !== 0n) return false;
    const line = order[i] as (typeof order)[number];
    const after = { up: up[i + 1] ?? 0n, down: down[i + 1] ?? 0n };
    // k such that what is left stays reachable by the next lines.
    const low =
      -line.taken > ceilDiv(rest - after.up, line.step)
        ? -line.taken
        : ceilDiv(rest - after.up, line.step);
    const high =
      line.room < floorDiv(rest + after.down, line.step)
        ? line.room
        : floorDiv(rest + after.down, line.step);
    // Smallest moves first: 0, +1, −1, +2, −2…
    const far = high > -low ? high : -low;
    for (let d = 0n; d <= far; d++) {
      for (const k of d === 0n ? [0n] : [d, -d]) {
        if (k < low || k > high) continue;
        plan[i] = k;
        if (fill(rest - k * line.step, i + 1)) return true;
      }
    }
    plan[i] = 0n;
    return false;
  };
  if (left > 0n && fill(left, 0)) order.forEach((line, i) => move(line, plan[i] as bigint));

  const values = new Map(lines.map((line) => [line.id, line.value]));
  for (const line of state) values.set(line.id, Number(line.value));
  return { values, left: Number(sign * left) };
}
