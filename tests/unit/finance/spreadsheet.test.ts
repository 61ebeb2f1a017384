// Excel's own documented examples (Microsoft support, function reference pages for NPV, IRR,
// XNPV, XIRR, MIRR, PV, FV and PMT: support.microsoft.com/office/<function>-function-...).
import { createHash } from "node:crypto";
import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FinanceError } from "@/lib/errors";
import {
  discountedPayback,
  fv,
  irr,
  irrDetailed,
  mirr,
  npv,
  payback,
  pmt,
  pv,
  xirr,
  xnpv,
} from "@/lib/finance/spreadsheet";

const fixed = (d: { toFixed: (n: number) => string }, n = 2) => d.toFixed(n);

describe("Excel's documented examples", () => {
  it("NPV(10%, -10000, 3000, 4200, 6800) = 1,188.44", () => {
    expect(fixed(npv("0.1", [-10000, 3000, 4200, 6800]))).toBe("1188.44");
  });

  it("IRR: -70000, 12000, 15000, 18000, 21000 (+26000): -2.1 %, 8.7 %, and -44.4 % with guess -10 %", () => {
    expect(fixed(irr([-70000, 12000, 15000, 18000, 21000]).times(100), 1)).toBe("-2.1");
    expect(fixed(irr([-70000, 12000, 15000, 18000, 21000, 26000]).times(100), 1)).toBe("8.7");
    expect(fixed(irr([-70000, 12000, 15000], "-0.1").times(100), 1)).toBe("-44.4");
  });

  const dates = ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"];
  const values = [-10000, 2750, 4250, 3250, 2750];
  it("XNPV(9 %, ...) = 2,086.65 and XIRR(...) = 0.373362535", () => {
    expect(fixed(xnpv("0.09", values, dates))).toBe("2086.65");
    // Excel prints 0.373362535; the exact root is 0.37336253351883..., so Excel's iteration stops
    // about 2e-10 short. Agreement to eight decimals is what its display can promise.
    expect(fixed(xirr(values, dates), 8)).toBe("0.37336253");
    expect(fixed(xirr(values, dates), 12)).toBe("0.373362533519");
  });

  it("MIRR: 12.6 % over five years, -4.8 % over three, 13.5 % reinvesting at 14 %", () => {
    const v = [-120000, 39000, 30000, 21000, 37000, 46000];
    expect(fixed(mirr(v, "0.1", "0.12").times(100), 1)).toBe("12.6");
    expect(fixed(mirr(v.slice(0, 4), "0.1", "0.12").times(100), 1)).toBe("-4.8");
    expect(fixed(mirr(v, "0.1", "0.14").times(100), 1)).toBe("13.5");
  });

  it("PV(8%/12, 240, 500) = -59,777.15; FV(6%/12, 10, -200, -500, 1) = 2,581.40", () => {
    expect(fixed(pv("0.00666666666666666666666666666666667", 240, 500))).toBe("-59777.15");
    expect(fixed(fv("0.005", 10, -200, -500, 1))).toBe("2581.40");
  });

  it("PMT(8%/12, 10, 10000) = -1,037.03; PMT(6%/12, 216, 0, 50000) = -129.08", () => {
    expect(fixed(pmt("0.00666666666666666666666666666666667", 10, 10000))).toBe("-1037.03");
    expect(fixed(pmt("0.005", 216, 0, 50000))).toBe("-129.08");
  });
});

describe("errors and edge cases", () => {
  it("throws FinanceError #NUM! where Excel does", () => {
    expect(() => irr([100, 200])).toThrow(FinanceError);
    expect(() => irr([-100, -200])).toThrowError(/positive and one negative/);
    expect(() => mirr([1, 2, 3], 0.1, 0.1)).toThrow(FinanceError);
    expect(() => npv(-1, [1, 2])).toThrow(FinanceError);
    expect(() => npv("NaN", [1])).toThrow(FinanceError);
  });

  it("flags several IRR roots", () => {
    const r = irrDetailed([-100, 230, -132], 0.15);
    expect(r.severalRoots).toBe(true);
    expect(["0.1", "0.2"]).toContain(r.value.toFixed(10).replace(/0+$/, ""));
  });

  it("XIRR is exact to the engine's precision: the XNPV at the root is zero to 30 digits", () => {
    const dates = ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"];
    const values = [-10000, 2750, 4250, 3250, 2750];
    expect(xnpv(xirr(values, dates), values, dates).abs().lt("1e-30")).toBe(true);
    // Dates in any order after the first; no root at all gives #NUM!, not a number.
    const shuffled = [dates[0]!, dates[3]!, dates[1]!, dates[4]!, dates[2]!];
    expect(xirr([-10000, 3250, 2750, 2750, 4250], shuffled).minus(xirr(values, dates)).abs().lt("1e-30")).toBe(true);
    expect(() =>
      xirr([-56720, 6730, -5815, -8015], ["2027-01-01", "2027-02-01", "2027-03-01", "2027-04-01"]),
    ).toThrowError(/no rate/);
  });

  it("no IRR where no rate makes the value zero (a spreadsheet's last iterate is not a root)", () => {
    // -100828 + 23289 v - 2661 v^2 has a negative discriminant: no real v, so no rate.
    expect(() => irr([-100828, 23289, -2661])).toThrowError(/no rate/);
    expect(() => irr([-56720, 6730, -5815, -8015])).toThrowError(/no rate/);
  });

  it("finds two roots that fall between two rates of the scan (a dip across zero and back)", () => {
    // 1e6 (v - 1/1.1013)(v - 1/1.1027): roots 10.13 % and 10.27 %, both inside one 0.5 % scan cell.
    const r = irrDetailed([823449.530379, -1814882.764955, 1000000], 0.1);
    expect(r.severalRoots).toBe(true);
    expect(r.value.toFixed(4)).toBe("0.1013");
    expect(irrDetailed([823449.530379, -1814882.764955, 1000000], 0.11).value.toFixed(4)).toBe("0.1027");
  });

  it("payback and discounted payback in interpolated periods", () => {
    expect(payback([-100, 30, 30, 30, 30]).toFixed(4)).toBe("3.3333");
    expect(discountedPayback("0.1", [-100, 60, 60]).toFixed(4)).toBe("1.9167"); // 1 + 45.45 / 49.59
    expect(() => payback([-100, 10])).toThrow(FinanceError);
  });

  describe("IRR as Excel finds it", () => {
    // NPV of periodic values at a rate, at 100 digits: the residual of a root.
    const P = Decimal.clone({ precision: 100 });
    const npvAt = (values: number[], rate: Decimal) => {
      const v = new P(1).div(new P(1).plus(rate.toString()));
      let disc = new P(1);
      let acc = new P(0);
      let scale = new P(0);
      for (const c of values) {
        acc = acc.plus(disc.times(c));
        scale = scale.plus(disc.times(c).abs());
        disc = disc.times(v);
      }
      return acc.abs().div(scale);
    };

    it("several roots: Newton from the guess, as Excel (-50, -100, 600, 300, -100 is 185.4 %; -76.9 % from a guess of -75 %)", () => {
      const values = [-50, -100, 600, 300, -100];
      const r = irrDetailed(values);
      expect(fixed(r.value.times(100), 1)).toBe("185.4");
      expect(r.severalRoots).toBe(true);
      expect(fixed(irr(values, -0.75).times(100), 1)).toBe("-76.9");
      expect(fixed(irr(values, "0.1").times(100), 1)).toBe("185.4");
      expect(npvAt(values, irr(values)).lt("1e-38")).toBe(true);
    });

    it("a root just above -100 % is found (a case numpy-financial misses)", () => {
      const values = [
        -3000.0, 2.3926932267015667e-7, 4.1672087103345505e-16, 5.3965110036378706e-25, 5.1962551071806174e-34,
        3.7202955645436402e-43, 1.9804961711632469e-52, 7.8393517651814181e-62, 2.3072565113911438e-71,
        5.0491839233308912e-81, 8.2159177668499263e-91, 9.9403244366963527e-101, 8.942410813633967e-111,
        5.9816122646481191e-121, 2.9750309031844241e-131, 1.1002067043497954e-141, 3.0252876563518021e-152,
        6.1854121948207909e-163, 9.4032980015353301e-174, 1.0629218520017728e-184, 8.9337141847171845e-196,
        5.5830607698467935e-207, 2.5943122036622652e-218, 8.9635842466507006e-230, 2.3027710094332358e-241,
        4.3987510596745562e-253, 6.2476630372575209e-265, 6.598046841695288e-277, 5.1811095266842017e-289,
        3.0250999925830644e-301, 1.3133070599585015e-313,
      ];
      const r = irr(values);
      expect(r.toFixed(12)).toBe("-0.999999999060");
      expect(npvAt(values, r).lt("1e-25")).toBe(true);
      // A root at -99.99999 % with ordinary amounts: found, not #NUM!.
      const near = irr([-1, 0, 0, 1e-15]);
      expect(near.toFixed(10)).toBe("-0.9999900000");
    });

    it("where Excel's 20 Newton steps fail but a root exists, the root nearest the guess; #NUM! only without a root", () => {
      // Newton from 10 % does not settle within 20 steps here; the only root is -56.69 %.
      const values = [-86952, -9524, 20431];
      expect(irr(values).toFixed(9)).toBe("-0.566946192");
      expect(npvAt(values, irr(values)).lt("1e-38")).toBe(true);
      // A rate of 999,900 %: a spreadsheet's iteration stops at its cap; the root is 9999.
      expect(irr([-100, 1_000_000]).toFixed(20)).toBe("9999.00000000000000000000");
    });

    it("the answer is a root to the engine's precision, for numbers, decimal strings and Decimals alike", () => {
      for (const values of [
        [-70000, 12000, 15000, 18000, 21000, 26000],
        [-1000, 1, 1, 1, 1, 2000],
        [-123456.78, 2000.5, 30000.25, 45000.125, 60000.0625],
      ]) {
        const r = irr(values);
        expect(npvAt(values, r).lt("1e-37")).toBe(true);
        expect(irr(values.map(String)).minus(r).abs().lt("1e-36")).toBe(true);
        expect(
          irr(values.map((v) => new Decimal(v)))
            .minus(r)
            .abs()
            .lt("1e-36"),
        ).toBe(true);
      }
    });
  });
});

// A speed-up made irr faster (numbers straight to Decimals, the float scan's grid evaluated in one
// batch, the kernel's products without a division); its answers must not move. The digest below
// is of the answers of the engine before that work (the same on this code), on 3,000 random
// series of 2 to 31 values with zeros, from the default guess, from -50 % and counting roots:
// Newton's roots, the scan's fallbacks and the series with no root (their errors) alike.
describe("irr answers pinned (faster, not different)", () => {
  function seriesOf(seed: number, count: number) {
    let a = seed >>> 0;
    const rand = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const out: number[][] = [];
    for (let i = 0; i < count; i++) {
      const n = 2 + Math.floor(rand() * 30);
      const v = [-Math.round(1 + rand() * 1e6)];
      for (let k = 1; k < n; k++) v.push(rand() < 0.15 ? 0 : Math.round((rand() - 0.3) * 5e5));
      out.push(v);
    }
    return out;
  }
  const answer = (f: () => { toString(): string }) => {
    try {
      return f().toString();
    } catch (e) {
      return `error ${(e as Error).message}`;
    }
  };

  it("3,000 random series: the digest of every answer is the one from before", { timeout: 60_000 }, () => {
    const h = createHash("sha256");
    for (const v of seriesOf(1616, 3000)) {
      h.update(answer(() => irr(v)) + "\n");
      h.update(answer(() => irr(v, -0.5)) + "\n");
      h.update(
        answer(() => {
          const r = irrDetailed(v);
          return `${r.value.toString()} ${r.severalRoots}`;
        }) + "\n",
      );
    }
    expect(h.digest("hex")).toBe("4332df79fa2b5c444e5b9c860f79b51a63a48bdb549233534987ac4632e8954e");
  });

  it("numbers and the same values as text give the same answer (the numbers' own path)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 2, maxLength: 40 }),
        fc.constantFrom(0.1, -0.5, 0.9),
        (values, guess) => {
          expect(answer(() => irr(values, guess))).toBe(answer(() => irr(values.map(String), String(guess))));
        },
      ),
      { numRuns: 1000, seed: 1616 },
    );
    expect(() => irr([-1, Number.NaN, 2])).toThrow(FinanceError);
    expect(() => irr([-1, Number.POSITIVE_INFINITY, 2])).toThrow("not a number: Infinity");
  });
});
