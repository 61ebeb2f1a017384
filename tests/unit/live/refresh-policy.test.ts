// Which changes made by someone else still re-render a case page (components/live/refresh-policy.ts):
// line changes never do on the lines tab, line values never on the overview; what only the server
// renders (scenarios on the grid, comment counts, the approval line) does.
import { describe, expect, it } from "vitest";
import { refreshFor } from "@/components/live/refresh-policy";

const r = (kind: string, tab: string) => refreshFor({ kind }, tab);

describe("refresh policy", () => {
  it("the lines tab shows every line change in place, and risks, KPIs, actuals", () => {
    for (const kind of [
      "line.update",
      "line.delete",
      "line.reorder",
      "line.create",
      "line.create-many",
      "line.import",
      "line.duplicate",
      "risk.update",
      "kpi.create",
      "kpi.actuals",
      "assumption.update",
      "line.actuals",
      "case.tracking",
      "snapshot.create",
    ])
      expect(r(kind, "lines"), kind).toBe(false);
    for (const kind of [
      "scenario.rename",
      "case.update",
      "case.rename",
      "comment.create",
      "approval.request",
      "resync",
    ])
      expect(r(kind, "lines"), kind).toBe(true);
  });

  it("the overview follows the model for values, risks, KPIs and settings; lines added or removed and tracking re-render it", () => {
    for (const kind of [
      "line.update",
      "line.reorder",
      "risk.create",
      "kpi.update",
      "assumption.delete",
      "scenario.rename",
      "scenario.set-baseline",
      "case.update",
      "comment.create",
    ])
      expect(r(kind, ""), kind).toBe(false);
    for (const kind of [
      "line.create",
      "line.delete",
      "scenario.delete",
      "case.rename",
      "line.actuals",
      "kpi.actuals",
      "approval.approve",
      "resync",
    ])
      expect(r(kind, ""), kind).toBe(true);
  });

  it("other tabs re-render for every change but comments they do not show", () => {
    expect(r("line.update", "risks")).toBe(true);
    expect(r("comment.create", "risks")).toBe(true);
    expect(r("comment.create", "compare")).toBe(false);
    expect(r("comment.resolve", "comments")).toBe(true);
    expect(r("line.update", "history")).toBe(true);
  });
});
