// CSV encodings as Excel saves them in the five languages: UTF-8 (with or without BOM), UTF-16,
// Windows-1252 for Swedish, Norwegian and French, GB 18030 (GBK) for Chinese.
import { describe, expect, it } from "vitest";
import { decodeText } from "@/lib/import/read";

const sv = "Post;Typ;År 1;År 2\nKostnadsbesparing för år;Nytta;1 000;2 000\n";
const nb = "Post;Type;År 1\nInnføring;Kostnad;250 000\nSpart tid selgere;Gevinst;150 000\n";
const fr = "Poste;Nature;Année 1\nCoûts d'intégration;Charge;90 000\nGain de productivité;Gain;20 000\n";
const zh = "项目,类别,第1年,第2年\n软件许可费,成本,120000,120000\n销售效率提升,收益,100000,250000\n";
// zh as Chinese Excel saves it (GBK), byte for byte.
const zhGbk = Buffer.from(
  "cfeec4bf2cc0e0b1f02cb5da31c4ea2cb5da32c4ea0ac8edbcfed0edbfc9b7d12cb3c9b1be2c3132303030302c3132303030300a" +
    "cffacadbd0a7c2cacce1c9fd2ccad5d2e62c3130303030302c3235303030300a",
  "hex",
);

describe("decodeText", () => {
  it("reads UTF-8 with and without a BOM, and UTF-16 with its BOM", () => {
    expect(decodeText(new TextEncoder().encode(zh))).toBe(zh);
    expect(decodeText(new TextEncoder().encode(`\uFEFF${sv}`))).toBe(sv);
    expect(decodeText(new Uint8Array(Buffer.from(`\uFEFF${fr}`, "utf16le")))).toBe(fr);
  });

  it("reads Windows-1252 for Swedish, Norwegian and French", () => {
    // Their letters (å ä ö ø æ é è û ç) have the same codes in Windows-1252 as in Latin-1.
    for (const text of [sv, nb, fr]) expect(decodeText(new Uint8Array(Buffer.from(text, "latin1")))).toBe(text);
  });

  it("reads GB 18030 (GBK) for Chinese", () => {
    expect(decodeText(new Uint8Array(zhGbk))).toBe(zh);
  });
});
