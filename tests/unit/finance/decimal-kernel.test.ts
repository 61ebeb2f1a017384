// The engine's add, sub, mul and str (lib/finance/decimal.ts) must give the very values and text
// decimal.js gives (the golden outputs rest on it): compared here on random operands that reach
// every path (carries through all-nines words, round-half-even ties, cancellation, operands of
// 1 to 40 digits, exponents far apart, zeros of both signs).
import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import {
  D,
  ProductSum,
  add,
  eq,
  fromNumber,
  mul,
  nearDecimal,
  neg,
  parse,
  pow,
  str,
  sub,
  toNum,
} from "@/lib/finance/decimal";

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomOperand(rand: () => number) {
  const r = rand();
  const digits = 1 + Math.floor(rand() * 40);
  let text = "";
  if (r < 0.1) text = "9".repeat(digits);
  else if (r < 0.2) text = "1" + "0".repeat(digits - 1);
  else if (r < 0.3) text = "5" + "0".repeat(digits - 1);
  else if (r < 0.4) text = "1" + "0".repeat(Math.max(0, digits - 2)) + String(1 + Math.floor(rand() * 9));
  else if (r < 0.45) text = "0";
  else {
    text = String(1 + Math.floor(rand() * 9));
    for (let i = 1; i < digits; i++) text += String(Math.floor(rand() * 10));
  }
  const exponent = Math.floor(rand() * 80) - 50 - digits;
  const sign = rand() < 0.5 ? "-" : "";
  return new D(`${sign}${text}e${exponent}`);
}

// A second operand near the first (same magnitude, a half-unit off, or the same value) makes
// cancellations and ties common.
function partner(rand: () => number, a: InstanceType<typeof D>) {
  const r = rand();
  if (r < 0.25) return randomOperand(rand);
  const ulp = new D(10).pow(a.e - 39);
  if (r < 0.35) return a.neg();
  if (r < 0.45) return ulp.times(5).times(rand() < 0.5 ? 1 : -1);
  if (r < 0.55) return ulp.times(rand() < 0.5 ? 0.5 : 50).neg();
  if (r < 0.7) return a.neg().plus(ulp.times(Math.floor(rand() * 1000)));
  if (r < 0.8) return new D(5).times(new D(10).pow(Math.floor(rand() * 20) - 10));
  return randomOperand(rand).times(rand() < 0.5 ? 1 : new D(10).pow(Math.floor(rand() * 60) - 30));
}

const same = (a: InstanceType<typeof D>, b: InstanceType<typeof D>) =>
  a.s === b.s && a.e === b.e && a.d.length === b.d.length && a.d.every((w, i) => w === b.d[i]);

// Tens of thousands of decimal.js operations: seconds on a busy machine.
describe("decimal kernel: the same values as decimal.js", { timeout: 120_000 }, () => {
  it("add, sub, mul on 100,000 random operand pairs", { timeout: 120_000 }, () => {
    const rand = prng(16);
    let checked = 0;
    for (let i = 0; i < 100_000; i++) {
      const a = randomOperand(rand);
      const b = partner(rand, a);
      const pairs: [string, InstanceType<typeof D>, InstanceType<typeof D>][] = [
        ["add", add(a, b), a.plus(b)],
        ["sub", sub(a, b), a.minus(b)],
        ["mul", mul(a, b), a.times(b)],
        ["mul by the first", mul(a, a), a.times(a)],
      ];
      for (const [op, ours, theirs] of pairs) {
        if (!same(ours, theirs) || str(ours) !== theirs.toString()) {
          expect(
            `${op}(${a.toString()}, ${b.toString()}) = ${str(ours)} [${ours.s} ${ours.e} ${ours.d.join(",")}]`,
          ).toBe(
            `${op}(${a.toString()}, ${b.toString()}) = ${theirs.toString()} [${theirs.s} ${theirs.e} ${theirs.d.join(",")}]`,
          );
        }
        checked++;
      }
      if (str(a) !== a.toString()) expect(str(a)).toBe(a.toString());
    }
    expect(checked).toBe(400_000);
  });

  it("zeros keep decimal.js's signs; results are Decimals of the engine's clone", () => {
    const z = new D(0);
    const nz = new D("-0");
    for (const [x, y] of [
      [z, nz],
      [nz, nz],
      [nz, z],
      [new D("1.5"), new D("-1.5")],
      [nz, new D(3)],
    ] as const) {
      expect(Object.is(add(x, y).toNumber(), x.plus(y).toNumber())).toBe(true);
      expect(Object.is(sub(x, y).toNumber(), x.minus(y).toNumber())).toBe(true);
      expect(Object.is(mul(x, y).toNumber(), x.times(y).toNumber())).toBe(true);
    }
    const p = mul(new D("1.1"), new D("2.3"));
    expect(p).toBeInstanceOf(D);
    expect(p.plus(1).toString()).toBe("3.53");
    expect(D.isDecimal(p)).toBe(true);
    expect(str(new D("-1e-59"))).toBe(new D("-1e-59").toString());
    expect(str(new D("1e-61"))).toBe("1e-61");
  });

  it("toNum, neg, eq and parse: decimal.js's toNumber, neg, eq and new D(text)", () => {
    const rand = prng(1617);
    const sameParts = (a: InstanceType<typeof D>, b: InstanceType<typeof D>) =>
      expect([a.s, a.e, a.d?.join(",")]).toEqual([b.s, b.e, b.d?.join(",")]);
    for (let i = 0; i < 20_000; i++) {
      const a = randomOperand(rand);
      const b = partner(rand, a);
      expect(Object.is(toNum(a), a.toNumber()), a.toString()).toBe(true);
      sameParts(neg(a), a.neg());
      expect(eq(a, b), `${a.toString()} = ${b.toString()}`).toBe(a.eq(b));
      expect(eq(a, new D(a.toString()))).toBe(true);
      const text = a.toString();
      sameParts(parse(text), new D(text));
      expect(parse(text)).toBe(parse(text));
    }
    for (const x of [
      new D(0),
      new D("-0"),
      new D(NaN),
      new D(Infinity),
      new D(-Infinity),
      new D("1e-70"),
      new D("-1e70"),
    ]) {
      expect(Object.is(toNum(x), x.toNumber())).toBe(true);
      expect(Object.is(neg(x).toNumber(), x.neg().toNumber())).toBe(true);
      expect(eq(x, new D(0))).toBe(x.eq(0));
    }
  });

  it("ProductSum: a sum of k x c x p is the exact sum rounded once to 40 digits", () => {
    const rand = prng(1616);
    const Exact = Decimal.clone({ precision: 400, rounding: Decimal.ROUND_HALF_EVEN });
    const sum = new ProductSum();
    let exactChecked = 0;
    for (let round = 0; round < 2000; round++) {
      const n = 1 + Math.floor(rand() * 40);
      const terms = Array.from({ length: n }, () => {
        const c = new D(`${rand() < 0.5 ? "-" : ""}${Math.floor(rand() * 1e9)}.${Math.floor(rand() * 1e4)}`);
        const p = randomOperand(rand)
          .abs()
          .plus("1e-30")
          .div(new D(10).pow(Math.floor(rand() * 8)));
        return { c, p, k: rand() < 0.5 ? 1 : 1 + Math.floor(rand() * 120) };
      });
      let top = -1e9;
      for (const t of terms) top = Math.max(top, Math.floor(t.c.e / 7) + Math.floor(t.p.e / 7));
      sum.reset(top + 4);
      let exact = new Exact(0);
      for (const t of terms) {
        sum.add(t.c, t.p, t.k);
        exact = exact.plus(new Exact(t.c).times(t.p).times(t.k));
      }
      const expected = new D(exact.toSignificantDigits(40, Decimal.ROUND_HALF_EVEN).toString());
      // The window keeps 168 digits under the top: exact unless the terms span more than that.
      const span =
        top -
        Math.min(...terms.map((t) => Math.floor(t.c.e / 7) + Math.floor(t.p.e / 7) - t.c.d.length - t.p.d.length));
      if (span < 20) {
        exactChecked++;
        expect(sum.result().toString()).toBe(expected.toString());
      } else expect(sum.result().minus(expected).abs().lte(expected.abs().times("1e-39"))).toBe(true);
    }
    expect(exactChecked).toBeGreaterThan(500);
  });

  it("nearDecimal: a Decimal within 1e-15 of a float", () => {
    const rand = prng(7);
    for (let i = 0; i < 10_000; i++) {
      const x = (rand() - 0.5) * Math.pow(10, Math.floor(rand() * 60) - 30);
      if (x === 0) continue;
      expect(nearDecimal(x).minus(new D(x)).div(x).abs().lte("1e-15")).toBe(true);
    }
    expect(nearDecimal(0).isZero()).toBe(true);
    // fromNumber: the very Decimal new D(x) makes (whole numbers built from their words).
    for (const x of [
      0,
      -0,
      1,
      -7,
      10,
      1e7,
      10_000_000,
      12_345_678_901_234,
      -(2 ** 53 - 1),
      2 ** 53,
      0.1,
      -1.5e-300,
      1e21,
      1234567,
    ]) {
      const ours = fromNumber(x);
      const theirs = new D(x);
      expect([ours.s, ours.e, ours.d.join(",")]).toEqual([theirs.s, theirs.e, theirs.d.join(",")]);
    }
    expect(nearDecimal(0.1).toString()).toBe("0.1");
    expect(nearDecimal(-1e-300).toString()).toBe(new D("-1e-300").toString());
  });

  it(
    "pow: x^(12/n) is decimal.js's value to the last digit (the fast root for whole-fraction exponents, decimal.js otherwise)",
    { timeout: 120_000 },
    () => {
      const rand = prng(1612);
      const exponents = [60, 120, 24, 48, 40, 30, 16, 36, 7, 12, 6].map((n) => new D(12).div(n));
      let checked = 0;
      for (let i = 0; i < 150; i++) {
        const x = new D(rand() * 10)
          .times(new D(10).pow(Math.floor(rand() * 12) - 6))
          .plus(new D(1).div(7 + i))
          .toSignificantDigits(1 + Math.floor(rand() * 40));
        for (const y of exponents) {
          expect(pow(x, y).toString(), `${x.toString()}^${y.toString()}`).toBe(x.pow(y).toString());
          checked++;
        }
      }
      // Exact powers and ties: 32^0.2 = 2, 1.21^0.5 = 1.1.
      expect(pow(new D(32), new D("0.2")).toString()).toBe("2");
      expect(pow(new D("1.21"), new D("0.5")).toString()).toBe("1.1");
      expect(pow(new D("0.5"), new D(12).div(60)).toString()).toBe(new D("0.5").pow(new D(12).div(60)).toString());
      expect(checked).toBe(1650);
    },
  );
});
