import { describe, expect, it, vi } from "vitest";
vi.mock("next-intl/server", () => ({ getLocale: async () => "en", getTranslations: async () => (k: string) => k }));
import { z } from "zod";
import { localizeIssues } from "@/lib/actions/result";

const schema = z.object({
  horizonMonths: z.int().min(1).max(120),
  name: z.string().refine((v) => v !== "x", "our own message"),
});

describe("validation messages in the user's language", () => {
  const error = schema.safeParse({ horizonMonths: 500, name: "x" }).error!;
  it("translates zod's standard messages and keeps the schema's own", () => {
    const sv = localizeIssues(error, "sv");
    expect(sv.find((i) => i.path === "horizonMonths")!.message).toMatch(/För stor|stor/i);
    expect(sv.find((i) => i.path === "name")!.message).toBe("our own message");
    expect(localizeIssues(error, "fr").find((i) => i.path === "horizonMonths")!.message).toMatch(/Trop grand/i);
    expect(localizeIssues(error, "zh").find((i) => i.path === "horizonMonths")!.message).toMatch(/过大|大/);
    expect(localizeIssues(error, "nb").find((i) => i.path === "horizonMonths")!.message).not.toBe(
      error.issues[0]!.message,
    );
    expect(localizeIssues(error, "en").find((i) => i.path === "horizonMonths")!.message).toBe(
      error.issues.find((i) => i.path[0] === "horizonMonths")!.message,
    );
  });
});
