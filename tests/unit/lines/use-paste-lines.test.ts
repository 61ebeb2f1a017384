// The paste hook without a DOM: react's hooks are reduced to plain values so the handler can be
// called with a fake clipboard event; the server action is a mock.
import { beforeEach, describe, expect, it, vi } from "vitest";

const send = vi.hoisted(() => vi.fn());
vi.mock("@/lib/actions/lines", () => ({ addLinesAction: send }));
vi.mock("react", () => ({
  useRef: <T>(v: T) => ({ current: v }),
  useCallback: <T>(f: T) => f,
  useLayoutEffect: (f: () => void) => f(),
}));

// Imported under another name: with react mocked above it is a plain function here.
import {
  readPaste,
  sendPaste,
  serverProblems,
  usePasteLines as pasteHandler,
  type PasteOutcome,
} from "@/components/lines/use-paste-lines";

const base = {
  caseId: "c0ffee00-0000-4000-8000-000000000001",
  kind: "cost" as const,
  scenarioId: "c0ffee00-0000-4000-8000-000000000002",
  locale: "sv",
  horizon: 36,
  categoryLabels: { software: "Programvara" },
  canEdit: true,
  version: () => 7,
};

function event(text: string, target: unknown = { closest: () => null, isContentEditable: false }) {
  const e = {
    target,
    defaultPrevented: false,
    clipboardData: { getData: (type: string) => (type === "text/plain" ? text : "") },
    preventDefault: vi.fn(() => {
      e.defaultPrevented = true;
    }),
  };
  return e;
}

async function paste(text: string, options: Partial<typeof base> = {}, target?: unknown) {
  const done: PasteOutcome[] = [];
  const onPaste = pasteHandler({ ...base, ...options, onDone: (o) => done.push(o) });
  const e = event(text, target);
  onPaste(e as never);
  await new Promise((r) => setTimeout(r, 0));
  return { e, done };
}

beforeEach(() => {
  send.mockReset();
  send.mockResolvedValue({ ok: true, data: { version: 8, added: 2, lineIds: ["a", "b"] } });
});

describe("usePasteLines", () => {
  it("sends the pasted rows in one call with the screen's version and reports what was added", async () => {
    const { e, done } = await paste("Namn\tBelopp\nLicenser\t1 250,50 kr\tProgramvara\nServrar\t80 000\t\tengång\t2\n");
    expect(e.preventDefault).toHaveBeenCalled();
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]![0]).toEqual({
      caseId: base.caseId,
      version: 7,
      kind: "cost",
      scenarioId: base.scenarioId,
      lines: [
        { name: "Licenser", category: "software", amount: "1250.5", recurring: "monthly", startMonth: 1, endMonth: 36 },
        { name: "Servrar", category: "other", amount: "80000", month: 2 },
      ],
    });
    expect(done).toEqual([{ ok: true, added: 2, version: 8, lineIds: ["a", "b"] }]);
  });

  it("sends nothing when a row does not read, and reports the rows", async () => {
    const { e, done } = await paste("A\t100\nB\tmycket\n");
    expect(e.preventDefault).toHaveBeenCalled();
    expect(send).not.toHaveBeenCalled();
    expect(done).toEqual([
      {
        ok: false,
        problems: [
          { row: 2, column: "amount", code: "amountInvalid", value: "mycket", message: '"mycket" is not an amount' },
        ],
      },
    ]);
  });

  it("leaves pastes into fields, read-only grids and empty text alone", async () => {
    const input = { closest: (s: string) => (s.includes("input") ? {} : null), isContentEditable: false };
    for (const [text, options, target] of [
      ["A\t1", {}, input],
      ["A\t1", { canEdit: false }, undefined],
      ["  \n\t\n", {}, undefined],
      ["Name\tAmount\n", {}, undefined],
    ] as const) {
      const { e, done } = await paste(text, options, target);
      expect(e.preventDefault).not.toHaveBeenCalled();
      expect(done).toEqual([]);
    }
    expect(send).not.toHaveBeenCalled();
  });

  it("passes a refused write on, with the server's line problems on the pasted rows", async () => {
    const failure = {
      ok: false,
      code: "validation",
      message: "Check",
      fieldErrors: [
        { path: "lines.1.endMonth", message: "must not be before startMonth" },
        { path: "lines.0.month", message: "beyond" },
      ],
    };
    send.mockResolvedValue(failure);
    const { done } = await paste("Namn\tBelopp\n\nA\t1\nB\t2\n");
    expect(done).toEqual([
      {
        ok: false,
        failure,
        problems: [
          { row: 4, column: "endMonth", code: "rejected", message: "must not be before startMonth" },
          { row: 3, column: "timing", code: "rejected", message: "beyond" },
        ],
      },
    ]);
  });

  it("a conflict comes back as the failure, for the grid's conflict notice", async () => {
    send.mockResolvedValue({ ok: false, code: "conflict", message: "stale", currentVersion: 9 });
    const { done } = await paste("A\t1\n");
    expect(done).toEqual([
      { ok: false, problems: [], failure: { ok: false, code: "conflict", message: "stale", currentVersion: 9 } },
    ]);
  });
});

describe("readPaste / sendPaste / serverProblems", () => {
  it("uses the benefit categories for benefits and a given default category", async () => {
    const parsed = readPaste("A\t1\trevenue\nB\t2\tsoftware\n", {
      kind: "benefit",
      locale: "en",
      horizon: 12,
      defaultCategory: "productivity",
    });
    expect(parsed!.lines.map((l) => l.category)).toEqual(["revenue", "productivity"]);
    const fake = vi.fn().mockResolvedValue({ ok: true, data: { version: 3, added: 2, lineIds: ["x", "y"] } });
    expect(await sendPaste(parsed!, { ...base, kind: "benefit" }, fake)).toEqual({
      ok: true,
      added: 2,
      version: 3,
      lineIds: ["x", "y"],
    });
  });

  it("ignores field errors that name no pasted line", () => {
    expect(
      serverProblems(
        {
          ok: false,
          code: "validation",
          message: "",
          fieldErrors: [
            { path: "scenarioId", message: "x" },
            { path: "lines.5", message: "y" },
            { path: "lines.0", message: "z" },
          ],
        },
        [2],
      ),
    ).toEqual([{ row: 2, code: "rejected", message: "z" }]);
  });
});
