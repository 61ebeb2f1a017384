// Realisation with benefits recorded and no actual cost yet: the realised ROI does not exist, and
// the report says why in words in every language, never a dash.
import { describe, expect, it } from "vitest";
import { computeCase } from "@/lib/finance/compute";
import { LOCALES } from "@/lib/i18n/config";
import { reasonText } from "@/lib/report/figure-text";
import { buildRealisationSection } from "@/lib/report/realisation-section";
import { caseFile } from "../../helpers/case";

const file = caseFile({
  actualsThrough: 2,
  scenarios: [
    {
      key: "a",
      name: "A",
      costs: [{ name: "Licences", category: "software", amount: "500", month: 6 }],
      benefits: [
        {
          name: "Time saved",
          category: "productivity",
          recurring: "monthly",
          amount: "100",
          startMonth: 1,
          endMonth: 12,
          actuals: { "1": "90", "2": "110" },
        },
      ],
    },
  ] as never,
});

describe("a realised ROI that does not exist yet", () => {
  const out = computeCase(file);
  it("is null in the engine (no actual cost) and said in words in the report", () => {
    expect(out.realisation!.realisedRoi).toBeNull();
    for (const locale of LOCALES) {
      const section = buildRealisationSection(file, out, locale, (k) => k)!;
      expect(section.title).toContain(reasonText("noCost", locale));
      expect(section.title).not.toMatch(/\u2013/);
    }
  });
});
