import Decimal from "decimal.js";

// The engine's own Decimal: 40 significant digits (docs/finance.md#precision asks for at least 34),
// half-even rounding, and plain notation in strings so outputs never read "1e+21". A clone, so
// nothing else that uses decimal.js is affected.
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -60, toExpPos: 60 });
export type D = Decimal;
export type DecimalInput = Decimal.Value;

export const ZERO = new D(0);
export const ONE = new D(1);

export function sum(values: readonly Decimal[]): Decimal {
  let acc = ZERO;
  for (const v of values) acc = acc.plus(v);
  return acc;
}

// Sums, differences and products: the hot path of the engine (docs/architecture.md#the-decimal-kernel).
// Each answer is the exact result rounded to the engine's 40 significant digits, half-even, which
// is what decimal.js computes too (its plus, minus and times form the exact result, then round it
// once), so the values are the very ones decimal.js returns. The work is done on decimal.js's own
// representation (base 1e7 words, most significant first) in a reused scratch buffer: no copies
// of the operands, one small array for the answer. What the kernel does not handle (zeros, which
// carry decimal.js's sign-of-zero rules; an exact cancellation; infinities; operands so far apart
// that decimal.js would shorten one) goes to decimal.js itself.
//
// Reading another library's internals is fenced three ways:
// - package.json pins decimal.js to one exact version (no caret), so an update is a decision;
// - assertDecimalLayout below runs when this module loads and throws a clear error if decimal.js
//   does not lay its values out as the kernel reads them (tests/unit/finance/decimal-layout.test.ts
//   feeds it constructors with other layouts and expects that error);
// - tests/unit/finance/decimal-kernel.test.ts compares add, sub and mul with decimal.js's plus,
//   minus and times on 100,000 random operand pairs (carries through all-nines words, half-even
//   ties, cancellations, 1 to 40 digits, exponents far apart, zeros of both signs), and pow, str,
//   toNum, neg, eq, parse, ProductSum and nearDecimal with their decimal.js counterparts;
//   tests/unit/finance/decimal-approx.test.ts checks approxValue and reciprocal against decimal.js
//   on random inputs (fast-check).
const BASE = 1e7;
const INV_BASE = 1e-7;
const PRECISION = 40;
if (D.precision !== PRECISION || D.rounding !== Decimal.ROUND_HALF_EVEN)
  throw new Error("the decimal kernel assumes 40 digits, half-even");

interface Raw {
  constructor: unknown;
  s: number;
  e: number;
  d: number[];
}

// What the kernel reads and writes, checked on values whose layout is known: a finite value has
// s (the sign, 1 or -1), e (the decimal exponent of its first digit) and d (base-1e7 words, most
// significant first, aligned so a word's place is a multiple of 7 digits: 0.000123 is [1230]; no
// leading or trailing zero word); zero has d = [0]; an infinity has d = null;
// and an object made with the constructor's prototype and those three fields (the kernel's
// `make`) is a value decimal.js reads as its own. Anything else would make the kernel compute
// wrong numbers silently, so the module refuses to load.
const LAYOUT_SAMPLES: readonly [string, number, number, readonly number[]][] = [
  ["-12345678.9", -1, 7, [1, 2345678, 9000000]],
  ["0.000123", 1, -4, [1230]],
  ["10000000", 1, 7, [1]],
  ["1e-9", 1, -9, [100000]],
];
export function assertDecimalLayout(Ctor: new (value: string) => unknown): void {
  const fail = (what: string) => {
    throw new Error(
      `decimal.js does not have the internal layout the decimal kernel (lib/finance/decimal.ts) reads: ${what}. ` +
        "Install the exact decimal.js version package.json names, or adapt the kernel to the new layout " +
        "(docs/architecture.md#the-decimal-kernel).",
    );
  };
  const same = (a: unknown, b: readonly number[]) =>
    Array.isArray(a) && a.length === b.length && a.every((w, i) => w === b[i]);
  for (const [text, s, e, d] of LAYOUT_SAMPLES) {
    const v = new Ctor(text) as Partial<Raw>;
    if (v.s !== s || v.e !== e || !same(v.d, d))
      fail(
        `${text} reads as s=${String(v.s)} e=${String(v.e)} d=${JSON.stringify(v.d)}, expected s=${s} e=${e} d=${JSON.stringify(d)}`,
      );
  }
  const zero = new Ctor("0") as Partial<Raw>;
  if (!same(zero.d, [0])) fail(`zero's words are ${JSON.stringify(zero.d)}, expected [0]`);
  const infinity = new Ctor("Infinity") as Partial<Raw>;
  if (infinity.d !== null) fail(`Infinity's words are ${JSON.stringify(infinity.d)}, expected null`);
  const built = Object.create(Ctor.prototype as object) as Raw & { toString(): string };
  built.constructor = Ctor;
  built.s = -1;
  built.e = 7;
  built.d = [1, 2345678, 9000000];
  let text: string;
  try {
    text = String(built.toString());
  } catch (error) {
    text = `an error (${error instanceof Error ? error.message : String(error)})`;
  }
  if (text !== "-12345678.9") fail(`a value built from s, e and d prints as ${text}, expected -12345678.9`);
}
assertDecimalLayout(D);

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7];
const INV_POW10 = [1, 0.1, 0.01, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7];

// Math.floor(x / d) for a whole x in [0, 1e7) and d a power of ten with inv its reciprocal as a
// double: the product is within a few units in the last place of the quotient, so its floor is
// the quotient's or one below (at an exact multiple); the check puts it right. No division.
function floorDiv(x: number, d: number, inv: number): number {
  const q = Math.floor(x * inv);
  return x - q * d >= d ? q + 1 : q;
}
const MAX_WORDS = 48;
const scratch = new Float64Array(Math.max(MAX_WORDS + 2, 24));

function digitsOf(w: number): number {
  return w >= 1e6 ? 7 : w >= 1e5 ? 6 : w >= 1e4 ? 5 : w >= 1e3 ? 4 : w >= 100 ? 3 : w >= 10 ? 2 : 1;
}

// A Decimal of the engine's clone with the given fields, as decimal.js's own constructor lays
// them out (constructor, s, e, d).
const make = function (this: Raw, s: number, e: number, d: number[]) {
  this.constructor = D;
  this.s = s;
  this.e = e;
  this.d = d;
} as unknown as new (s: number, e: number, d: number[]) => Decimal;
make.prototype = D.prototype;

// w[start..end) as a packed array of exactly that length: an array grown by push keeps spare
// capacity (17 slots for a 40-digit value of 6 words), which is most of a Decimal's memory and of
// the collector's work in the engine's hot loops.
function wordsOf(w: Float64Array, start: number, end: number): number[] {
  switch (end - start) {
    case 1:
      return [w[start]! | 0];
    case 2:
      return [w[start]! | 0, w[start + 1]! | 0];
    case 3:
      return [w[start]! | 0, w[start + 1]! | 0, w[start + 2]! | 0];
    case 4:
      return [w[start]! | 0, w[start + 1]! | 0, w[start + 2]! | 0, w[start + 3]! | 0];
    case 5:
      return [w[start]! | 0, w[start + 1]! | 0, w[start + 2]! | 0, w[start + 3]! | 0, w[start + 4]! | 0];
    case 6:
      return [
        w[start]! | 0,
        w[start + 1]! | 0,
        w[start + 2]! | 0,
        w[start + 3]! | 0,
        w[start + 4]! | 0,
        w[start + 5]! | 0,
      ];
    case 7:
      return [
        w[start]! | 0,
        w[start + 1]! | 0,
        w[start + 2]! | 0,
        w[start + 3]! | 0,
        w[start + 4]! | 0,
        w[start + 5]! | 0,
        w[start + 6]! | 0,
      ];
    default: {
      const d: number[] = [];
      for (let i = start; i < end; i++) d.push(w[i]! | 0);
      return d;
    }
  }
}

// scratch[start..end) holds a non-zero exact result (words of at most 1e7 - 1, start's weight
// BASE^top): round it to PRECISION significant digits, half-even, and make the Decimal.
function finish(sign: number, start: number, end: number, top: number): Decimal {
  const w = scratch;
  while (w[start] === 0) {
    start++;
    top--;
  }
  while (w[end - 1] === 0) end--;
  const lead = digitsOf(w[start]!);
  if (lead + 7 * (end - start - 1) > PRECISION) {
    const rest = PRECISION - lead;
    const partial = rest % 7;
    const cut = start + 1 + (rest - partial) / 7; // the word holding the first dropped digit
    let roundUp: boolean;
    let at: number; // the word that takes the rounding unit
    let unit: number;
    const word = w[cut]!;
    if (partial === 0) {
      const rd = floorDiv(word, 1e6, 1e-6);
      const sticky = word - rd * 1e6 !== 0 || cut + 1 < end;
      roundUp = rd > 5 || (rd === 5 && (sticky || w[cut - 1]! % 2 === 1));
      end = cut;
      at = cut - 1;
      unit = 1;
    } else {
      const div = POW10[7 - partial]!;
      const kept = floorDiv(word, div, INV_POW10[7 - partial]!);
      const low = word - kept * div;
      const half = POW10[6 - partial]!;
      const rd = floorDiv(low, half, INV_POW10[6 - partial]!);
      const sticky = low - rd * half !== 0 || cut + 1 < end;
      roundUp = rd > 5 || (rd === 5 && (sticky || kept % 2 === 1));
      w[cut] = kept * div;
      end = cut + 1;
      at = cut;
      unit = div;
    }
    if (roundUp) {
      w[at] = w[at]! + unit;
      while (w[at] === BASE) {
        w[at] = 0;
        if (at === start) {
          w[start] = 1;
          top++;
          break;
        }
        at--;
        w[at] = w[at]! + 1;
      }
    }
    while (w[end - 1] === 0) end--;
  }
  const d = wordsOf(w, start, end);
  return new make(sign, top * 7 + digitsOf(d[0]!) - 1, d);
}

// a + sign * b for non-zero finite a and b, or null where decimal.js should answer.
function addWords(a: Decimal, b: Decimal, sign: number): Decimal | null {
  const ad = a.d;
  const bd = b.d;
  const ea = Math.floor(a.e / 7);
  const eb = Math.floor(b.e / 7);
  if (ea - eb > 7 || eb - ea > 7) return null;
  const top = (ea > eb ? ea : eb) + 1;
  const lowA = ea - ad.length + 1;
  const lowB = eb - bd.length + 1;
  const span = top - (lowA < lowB ? lowA : lowB) + 1;
  if (span > MAX_WORDS) return null;
  const w = scratch;
  // a's words with zeros around them (a loop: cheaper than a call to fill for a few words).
  const offA = top - ea;
  const endA = offA + ad.length;
  for (let i = 0; i < offA; i++) w[i] = 0;
  for (let i = 0; i < ad.length; i++) w[offA + i] = ad[i]!;
  for (let i = endA; i < span; i++) w[i] = 0;
  const offB = top - eb;
  const sb = b.s * sign;
  if (sb === a.s) {
    for (let i = 0; i < bd.length; i++) w[offB + i] = w[offB + i]! + bd[i]!;
    let carry = 0;
    for (let i = span - 1; i >= 0; i--) {
      const t = w[i]! + carry;
      if (t >= BASE) {
        w[i] = t - BASE;
        carry = 1;
      } else {
        w[i] = t;
        carry = 0;
      }
    }
    return finish(a.s, 0, span, top);
  }
  for (let i = 0; i < bd.length; i++) w[offB + i] = w[offB + i]! - bd[i]!;
  let first = 0;
  while (first < span && w[first] === 0) first++;
  if (first === span) return null; // exact cancellation: decimal.js's zero
  let resultSign = a.s;
  if (w[first]! < 0) {
    resultSign = -a.s;
    for (let i = first; i < span; i++) w[i] = -w[i]!;
  }
  let borrow = 0;
  for (let i = span - 1; i >= first; i--) {
    const t = w[i]! - borrow;
    if (t < 0) {
      w[i] = t + BASE;
      borrow = 1;
    } else {
      w[i] = t;
      borrow = 0;
    }
  }
  return finish(resultSign, first, span, top - first);
}

// Shortcuts where the answer is known without arithmetic. Every engine value is already rounded to
// the engine's precision (inputs have at most 26 digits, results are rounded), so x + 0 and x - 0
// are x, 0 + y is y and 0 - y is -y exactly: the results are the very values decimal.js would
// return. Zero plus zero follows decimal.js's sign-of-zero rule (half-even rounding): -0 + -0 is
// -0, any other sum of zeros +0; for a difference of zeros, -0 - +0 is -0, any other +0.
export function add(a: Decimal, b: Decimal): Decimal {
  const ad = a.d;
  const bd = b.d;
  if (!bd || !ad) return a.plus(b);
  if (bd[0] === 0) return ad[0] === 0 ? (a.s === b.s ? a : ZERO) : a;
  if (ad[0] === 0) return b;
  return addWords(a, b, 1) ?? a.plus(b);
}

export function sub(a: Decimal, b: Decimal): Decimal {
  const ad = a.d;
  const bd = b.d;
  if (!bd || !ad) return a.minus(b);
  if (bd[0] === 0) return ad[0] === 0 ? (a.s !== b.s ? a : ZERO) : a;
  if (ad[0] === 0) return neg(b);
  return addWords(a, b, -1) ?? a.minus(b);
}

// a x b, the value of a.times(b).
export function mul(a: Decimal, b: Decimal): Decimal {
  const ad = a.d;
  const bd = b.d;
  if (!ad || !bd || ad[0] === 0 || bd[0] === 0) return a.times(b);
  let n = ad.length;
  let m = bd.length;
  let xd = ad;
  let yd = bd;
  if (m > n) {
    xd = bd;
    yd = ad;
    n = m;
    m = ad.length;
  }
  const len = n + m;
  // Column sums stay below 2^53 while the shorter operand has at most 90 words.
  if (len > MAX_WORDS) return a.times(b);
  const w = scratch;
  const top = Math.floor(a.e / 7) + Math.floor(b.e / 7) + 1;
  if (m === 1) {
    // One word times many (an amount, a small integer): one pass with the carry.
    const y = yd[0]!;
    let carry = 0;
    for (let i = n - 1; i >= 0; i--) {
      const t = xd[i]! * y + carry;
      carry = Math.floor(t * INV_BASE);
      let r = t - carry * BASE;
      if (r < 0) {
        r += BASE;
        carry--;
      } else if (r >= BASE) {
        r -= BASE;
        carry++;
      }
      w[i + 1] = r;
    }
    w[0] = carry;
    return finish(a.s * b.s, 0, len, top);
  }
  // The first row's products set the columns (no pass to clear them first).
  const y0 = yd[0]!;
  w[0] = 0;
  for (let i = 0; i < n; i++) w[i + 1] = xd[i]! * y0;
  for (let k = n + 1; k < len; k++) w[k] = 0;
  for (let j = 1; j < m; j++) {
    const y = yd[j]!;
    if (y === 0) continue;
    for (let i = 0, k = j + 1; i < n; i++, k++) w[k] = w[k]! + xd[i]! * y;
  }
  // The carry by a product with 1e-7, corrected by one either way: no division in the chain.
  let carry = 0;
  for (let k = len - 1; k > 0; k--) {
    const t = w[k]! + carry;
    carry = Math.floor(t * INV_BASE);
    let r = t - carry * BASE;
    if (r < 0) {
      r += BASE;
      carry--;
    } else if (r >= BASE) {
      r -= BASE;
      carry++;
    }
    w[k] = r;
  }
  w[0] = carry;
  return finish(a.s * b.s, 0, len, top);
}

// A sum of products k x c x p (c, p Decimals, k a small whole number) kept exactly in base-1e7
// words, without a Decimal per term, and rounded once at the end (result): for a long sum where
// only the total is wanted (the spreadsheet IRR's Newton step). The caller gives the word exponent
// of the top word, above every product's (reset); words more than WINDOW below it are dropped
// (168 digits under the top: far below the 40 kept).
const WINDOW = 24;
export class ProductSum {
  private readonly w = new Float64Array(WINDOW);
  private readonly kc = new Float64Array(8);
  private top = 0;
  private pending = 0;

  reset(top: number): void {
    this.w.fill(0);
    this.top = top;
    this.pending = 0;
  }

  add(c: Decimal, p: Decimal, k: number): void {
    const cw = c.d;
    const pw = p.d;
    if (!cw || !pw || cw[0] === 0 || pw[0] === 0 || k === 0) return;
    let cl = cw.length;
    let cs: ArrayLike<number> = cw;
    if (k !== 1) {
      // k x c in words first, so each column product stays below 1e14.
      if (cl + 1 > this.kc.length) throw new Error("ProductSum: operand too long");
      let carry = 0;
      for (let i = cl - 1; i >= 0; i--) {
        const t = cw[i]! * k + carry;
        carry = Math.floor(t / BASE);
        this.kc[i + 1] = t - carry * BASE;
      }
      this.kc[0] = carry;
      cs = this.kc;
      cl += 1;
    }
    // Word i of cs has exponent ec - i (ec one higher when k x c took a word more).
    const ec = Math.floor(c.e / 7) + (k !== 1 ? 1 : 0);
    const ep = Math.floor(p.e / 7);
    const sign = c.s * p.s;
    const w = this.w;
    const base = this.top - ec - ep;
    for (let i = 0; i < cl; i++) {
      const x = cs[i]! * sign;
      if (x === 0) continue;
      for (let j = 0; j < pw.length; j++) {
        const at = base + i + j;
        if (at >= WINDOW) break;
        if (at < 0) throw new Error("ProductSum: top below a product");
        w[at] = w[at]! + x * pw[j]!;
      }
    }
    if (++this.pending === 8) this.normalise();
  }

  // Carries from the bottom up; every word but the top ends in [0, BASE).
  private normalise(): void {
    const w = this.w;
    for (let k = WINDOW - 1; k > 0; k--) {
      const t = w[k]!;
      if (t >= 0 && t < BASE) continue;
      let carry = Math.floor(t / BASE);
      let r = t - carry * BASE;
      if (r < 0) {
        r += BASE;
        carry--;
      } else if (r >= BASE) {
        r -= BASE;
        carry++;
      }
      w[k] = r;
      w[k - 1] = w[k - 1]! + carry;
    }
    this.pending = 0;
  }

  result(): Decimal {
    const w = this.w;
    this.normalise();
    let sign = 1;
    if (w[0]! < 0) {
      sign = -1;
      for (let k = 0; k < WINDOW; k++) w[k] = -w[k]!;
      this.normalise();
    }
    if (w[0]! >= BASE) throw new Error("ProductSum: top too low");
    let any = false;
    for (let k = 0; k < WINDOW; k++) {
      scratch[k] = w[k]!;
      if (w[k] !== 0) any = true;
    }
    if (!any) return new D(0);
    return finish(sign, 0, WINDOW, this.top);
  }
}

// new D(n) for a whole number n (|n| < 2^53), built from its words directly: the same Decimal.
function wholeDecimal(n: number): Decimal {
  const a = Math.abs(n);
  if (a < BASE) return new make(n < 0 ? -1 : 1, digitsOf(a) - 1, [a]);
  const c = a % BASE;
  const rest = (a - c) / BASE;
  const b = rest % BASE;
  const hi = (rest - b) / BASE;
  const d = hi > 0 ? [hi, b, c] : b > 0 ? [b, c] : [c];
  while (d.length > 1 && d[d.length - 1] === 0) d.pop();
  return new make(n < 0 ? -1 : 1, (hi > 0 ? 14 : b > 0 ? 7 : 0) + digitsOf(d[0]!) - 1, d);
}

// new D(x) for a number, with a shortcut for whole numbers (the usual cash flow).
export function fromNumber(x: number): Decimal {
  return Number.isInteger(x) && x !== 0 && Math.abs(x) < 2 ** 53 ? wholeDecimal(x) : new D(x);
}

// A Decimal within about 1e-15 (relative) of a float, without decimal.js's parse of the float's
// text: for starting points of iterations (the IRR polish), where any nearby value serves.
const tens = new Map<number, Decimal>();
export function nearDecimal(x: number): Decimal {
  if (!Number.isFinite(x)) return new D(x);
  if (x === 0) return new D(0);
  const a = Math.abs(x);
  const e10 = Math.floor(Math.log10(a));
  let m = Math.round(a * Math.pow(10, 15 - e10));
  let shift = e10 - 15;
  if (!(m > 0 && m < 2 ** 53)) return new D(x);
  while (m % 10 === 0) {
    m /= 10;
    shift++;
  }
  const whole = wholeDecimal(x < 0 ? -m : m);
  if (shift === 0) return whole;
  let ten = tens.get(shift);
  if (!ten) tens.set(shift, (ten = new D(`1e${shift}`)));
  return mul(whole, ten);
}

// A float near a Decimal, from its first three words (not decimal.js's correctly rounded toNumber,
// which goes through text): for seeds and size tests. Three words hold at least 15 significant
// digits, so it is within 1e-14 (relative) of toNumber, exact for whole numbers below 2^50;
// decimal-approx.test.ts checks both on random values from 1e-240 to 1e240.
const WORD_POWERS = Array.from({ length: 101 }, (_, i) => Math.pow(BASE, i - 50));
export function approxValue(d: Decimal): number {
  const w = d.d;
  if (!w) return d.toNumber();
  if (w[0] === 0) return 0;
  const n = w.length < 3 ? w.length : 3;
  let x = w[0]!;
  for (let i = 1; i < n; i++) x = x * BASE + w[i]!;
  const k = Math.floor(d.e / 7) - n + 1;
  const scale = WORD_POWERS[k + 50];
  return d.s * (scale === undefined ? x * Math.pow(BASE, k) : x * scale);
}

// 1 / b for an iteration's working values (the IRR polish), from a float seed and Newton steps
// y += y (1 - b y) with the kernel's products: each step doubles the digits (about 15, 30, 60), so
// steps = 2 reaches the engine's 40 within its last digit or two, steps = 1 about 28. Not the
// correctly rounded quotient decimal.js's div gives: only for values that need no more.
// decimal-approx.test.ts compares both step counts with decimal.js's 1 / b on random inputs.
export function reciprocal(b: Decimal, steps: 1 | 2): Decimal {
  const approx = approxValue(b);
  if (!Number.isFinite(approx) || approx === 0 || !Number.isFinite(1 / approx) || 1 / approx === 0) return ONE.div(b);
  let y = nearDecimal(1 / approx);
  for (let i = 0; i < steps; i++) {
    const e = sub(ONE, mul(b, y));
    if (e.isZero()) break;
    y = add(y, mul(y, e));
  }
  return y;
}

// x^y where y is a fraction p/q with a small denominator (MIRR's 12/n over n months: 0.2 for 60,
// 0.1 for 120), without decimal.js's ln and exp at 40 digits (a quarter of a millisecond each):
// the q-th root of x^p by Newton's method in the kernel, then proven to be the correctly rounded
// value: the exact (q-th powers at 250 digits) half-unit bounds around the candidate enclose x^p.
// decimal.js's pow is correctly rounded too (it carries guard digits and recomputes near a
// rounding boundary), so the two agree; decimal-kernel.test.ts compares them on random operands.
// Anything else (no such q, a tie, a bound that does not enclose) is decimal.js's pow.
// 41 digits to the 10th power, or 40 to the 10th, exactly.
const Wide = Decimal.clone({ precision: 420, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });
export function pow(x: Decimal, y: Decimal): Decimal {
  const fallback = () => x.pow(y);
  if (!x.d || !y.d || x.s < 0 || x.d[0] === 0 || y.d[0] === 0 || y.s < 0 || y.isInteger()) return fallback();
  let q = 0;
  let p = 0;
  for (let k = 2; k <= 10; k++) {
    const t = new Wide(y).times(k); // exact: a rounded product could look whole
    if (t.isInteger()) {
      const n = t.toNumber();
      if (n >= 1 && n <= 10) {
        q = k;
        p = n;
      }
      break;
    }
  }
  if (q === 0) return fallback();
  const xf = approxValue(x);
  const zf = Math.pow(xf, p / q);
  if (!Number.isFinite(zf) || zf === 0 || !Number.isFinite(xf)) return fallback();
  let X = new Wide(x); // x^p exactly: at most 10 x 40 digits
  for (let i = 1; i < p; i++) X = X.times(x);
  const X40 = p === 1 ? x : new D(X.toSignificantDigits(45).toString());
  // Newton for z^q = X: z -= (z^q - X) / (q z^(q - 1)), from the float's 15 digits.
  let z = nearDecimal(zf);
  const qd = int(q);
  for (let it = 0; it < 3; it++) {
    let zq1 = ONE;
    for (let i = 1; i < q; i++) zq1 = mul(zq1, z);
    const zq = mul(zq1, z);
    const residual = sub(zq, X40);
    if (residual.isZero()) break;
    z = sub(z, residual.div(mul(qd, zq1)));
  }
  // The correctly rounded value is the 40-digit candidate whose half-unit interval holds x^(p/q).
  const ulpExp = z.e - (PRECISION - 1);
  const half = new Wide(`5e${ulpExp - 1}`);
  const unit = new Wide(`1e${ulpExp}`);
  const holds = (c: Decimal) => {
    const cw = new Wide(c);
    const l = cw.minus(half);
    const h = cw.plus(half);
    let lo = l;
    let hi = h;
    for (let i = 1; i < q; i++) {
      lo = lo.times(l);
      hi = hi.times(h);
    }
    return lo.lt(X) && X.lt(hi);
  };
  // A power of ten has a finer unit below it than above: such a candidate is left to decimal.js.
  const powerOfTen = (c: Decimal) => c.d.length === 1 && POW10.includes(c.d[0]!);
  for (const candidate of [z, new D(new Wide(z).plus(unit).toString()), new D(new Wide(z).minus(unit).toString())]) {
    if (candidate.precision() <= PRECISION && !powerOfTen(candidate) && holds(candidate)) return candidate;
  }
  return fallback();
}

// a - b exactly, however far apart their digits (a plain minus rounds to 40 significant digits):
// for parts that must sum to a whole to the last digit, such as a variance split.
export function exactDifference(a: Decimal, b: Decimal): Decimal {
  return new D(new Wide(a).minus(b).toString());
}

// toString without the work for zeros (decimal.js prints both +0 and -0 as "0").
export function str(d: Decimal): string {
  return d.isZero() ? "0" : d.toString();
}

// d.toNumber() (decimal.js reads its own text back: the correctly rounded double), from str's
// text: the same number.
export function toNum(d: Decimal): number {
  const w = d.d;
  if (!w) return d.toNumber();
  if (w[0] === 0) return d.s < 0 ? -0 : 0;
  return Number(str(d));
}

// -d, sharing d's words (no Decimal ever changes its words in place): decimal.js's neg copies them.
export function neg(d: Decimal): Decimal {
  return d.d && d.d[0] !== 0 ? new make(-d.s, d.e, d.d) : d.neg();
}

// a.eq(b) without decimal.js's copy of b: finite non-zero values are equal exactly when their
// sign, exponent and words are (decimal.js keeps no leading or trailing zero words).
export function eq(a: Decimal, b: Decimal): boolean {
  if (a === b) return true;
  const ad = a.d;
  const bd = b.d;
  if (!ad || !bd || ad[0] === 0 || bd[0] === 0) return a.eq(b);
  if (a.s !== b.s || a.e !== b.e || ad.length !== bd.length) return false;
  for (let i = 0; i < ad.length; i++) if (ad[i] !== bd[i]) return false;
  return true;
}

// new D(text), kept per text: case files repeat the same few rates ("0.1", "0.03") on every line,
// and an edit leaves most amounts as they were. Decimals are immutable, so one may be shared. The
// cache holds at most 20,000 texts (cleared when full).
const parsedCache = new Map<string, Decimal>();
export function parse(text: string): Decimal {
  let v = parsedCache.get(text);
  if (v === undefined) {
    v = new D(text);
    if (parsedCache.size >= 20_000) parsedCache.clear();
    parsedCache.set(text, v);
  }
  return v;
}

// A value as the first arithmetic operation would see it: rounded to the engine's precision.
// (Parsed case files never need it: amounts have at most 26 significant digits.)
export function rounded(d: Decimal): Decimal {
  return d.isFinite() && d.precision() > D.precision ? d.plus(0) : d;
}

// Small non-negative integers as Decimals, made once: x.times(int(n)) is x.times(n) without
// converting the number on every call.
const INTS: Decimal[] = [];
export function int(n: number): Decimal {
  if (!Number.isInteger(n) || n < 0 || n > 4096) return new D(n);
  return (INTS[n] ??= new D(n));
}
