// The decimal kernel reads and builds decimal.js values field by field, so lib/finance/decimal.ts
// checks the library's layout when it loads. Here the check passes for the installed decimal.js
// and refuses, with a message that names the kernel, constructors laid out otherwise (as a future
// decimal.js might be): other field names, other word sizes, the words in the other order, a value
// built from its fields that the library does not read back.
import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { D, assertDecimalLayout } from "@/lib/finance/decimal";

const layoutError =
  /decimal\.js does not have the internal layout the decimal kernel \(lib\/finance\/decimal\.ts\) reads/;

describe("the decimal kernel's layout check", () => {
  it("accepts the installed decimal.js and the engine's clone of it", () => {
    expect(() => assertDecimalLayout(Decimal)).not.toThrow();
    expect(() => assertDecimalLayout(D)).not.toThrow();
    expect(() => assertDecimalLayout(Decimal.clone({ precision: 20 }))).not.toThrow();
  });

  it("refuses a layout with the words under another name", () => {
    class Renamed {
      s: number;
      e: number;
      digits: number[] | null;
      constructor(value: string) {
        const v = new Decimal(value);
        this.s = v.s;
        this.e = v.e;
        this.digits = v.d;
      }
    }
    expect(() => assertDecimalLayout(Renamed)).toThrow(layoutError);
  });

  it("refuses base-1e14 words (a faster decimal.js could change its word size)", () => {
    class Wide {
      s: number;
      e: number;
      d: number[] | null;
      constructor(value: string) {
        const v = new Decimal(value);
        this.s = v.s;
        this.e = v.e;
        // Pair the 1e7 words from the right: 1, 2345678, 9000000 becomes 1, 23456789000000.
        const words = v.d;
        if (!words) {
          this.d = null;
          return;
        }
        const wide: number[] = [];
        for (let i = words.length; i > 0; i -= 2) {
          const low = words[i - 1]!;
          const high = i >= 2 ? words[i - 2]! : 0;
          wide.unshift(high * 1e7 + low);
        }
        this.d = wide;
      }
    }
    expect(() => assertDecimalLayout(Wide)).toThrow(layoutError);
  });

  it("refuses words stored least significant first", () => {
    class Reversed {
      s: number;
      e: number;
      d: number[] | null;
      constructor(value: string) {
        const v = new Decimal(value);
        this.s = v.s;
        this.e = v.e;
        this.d = v.d ? [...v.d].reverse() : null;
      }
    }
    expect(() => assertDecimalLayout(Reversed)).toThrow(layoutError);
  });

  it("refuses a library whose values cannot be built from s, e and d", () => {
    // The fields read right, but the prototype prints from a private field of its own, as a class
    // with #private state would: the kernel's made values would not be real values.
    class Private {
      s: number;
      e: number;
      d: number[] | null;
      #text: string;
      constructor(value: string) {
        const v = new Decimal(value);
        this.s = v.s;
        this.e = v.e;
        this.d = v.d;
        this.#text = v.toString();
      }
      toString(): string {
        return this.#text;
      }
    }
    expect(() => assertDecimalLayout(Private)).toThrow(layoutError);
  });

  it("names what it found and what it expected", () => {
    class Reversed {
      s = 1;
      e = 0;
      d: number[] = [];
      constructor(value: string) {
        const v = new Decimal(value);
        this.s = v.s;
        this.e = v.e;
        this.d = v.d ? [...v.d].reverse() : [];
      }
    }
    expect(() => assertDecimalLayout(Reversed)).toThrow(
      "-12345678.9 reads as s=-1 e=7 d=[9000000,2345678,1], expected s=-1 e=7 d=[1,2345678,9000000]",
    );
  });
});
