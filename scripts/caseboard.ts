// caseboard compute | validate | simulate | report  (spec/case-format.md)
// Exit codes: 0 ok, 2 bad input (every problem with its JSON path on stderr), 1 anything else.
// Never a stack trace: unexpected errors print one line.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { CaseFile } from "../lib/case-file/schema";
import { MAX_FILE_BYTES, parseCaseFileText } from "../lib/case-file/parse";
import { computeCase } from "../lib/finance/compute";
import { baselineOf } from "../lib/finance/compute";
import { headlineKeys } from "../lib/finance/headline";
import { headlineComparison, simulate } from "../lib/finance/uncertainty";

export class UsageError extends Error {}

const USAGE = `usage:
  caseboard compute <case.json|-> [--pretty]
  caseboard validate <case.json|->
  caseboard simulate <case.json|-> [--iterations 10000] [--seed 42] [--scenario KEY] [--incremental] [--pretty]
  caseboard report <case.json|-> -o <board.pdf> [--locale en|sv|nb|fr|zh] [--iterations N --seed S]
  caseboard xlsx <case.json|-> -o <case.xlsx>
  caseboard csv <case.json|-> --lines|--cash-flow [--scenario KEY] [-o <out.csv>]
  caseboard portfolio <a.json> <b.json> ... [--budget 2027=5000000 ...] [--must a.json] [--exclude c.json]
                      [--requires a.json=b.json] [--alternatives] [--currency SEK] [--pretty]`;

function readInput(file: string | undefined): string {
  if (!file) throw new UsageError("missing the case file argument");
  if (file === "-") return readFileSync(0, "utf8");
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UsageError(`cannot read ${file}: no such file`);
  }
  if (size > MAX_FILE_BYTES) throw new BadInput([`(root): the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`]);
  return readFileSync(file, "utf8");
}

export class BadInput extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

export function loadCase(file: string | undefined): CaseFile {
  const parsed = parseCaseFileText(readInput(file));
  if (!parsed.ok) throw new BadInput(parsed.issues.map((i) => `${i.path}: ${i.message}`));
  return parsed.value;
}

// A whole-number option, or exit 2 naming it.
function wholeOption(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max)
    throw new BadInput([`${name}: a whole number from ${min} to ${max}`]);
  return value;
}

const json = (value: unknown, pretty: boolean) => JSON.stringify(value, null, pretty ? 2 : undefined);

type Command = (args: string[]) => Promise<void> | void;

export const commands: Record<string, Command> = {
  compute(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { pretty: { type: "boolean" } },
    });
    process.stdout.write(json(computeCase(loadCase(positionals[0])), values.pretty ?? false) + "\n");
  },
  validate(args) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const file = loadCase(positionals[0]);
    process.stdout.write(
      `ok: "${file.name}", ${file.scenarios.length} scenario(s), ${file.scenarios.reduce((n, s) => n + s.costs.length + s.benefits.length, 0)} line(s)\n`,
    );
  },
  simulate(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        iterations: { type: "string" },
        seed: { type: "string" },
        scenario: { type: "string" },
        incremental: { type: "boolean" },
        pretty: { type: "boolean" },
      },
    });
    const iterations = wholeOption("--iterations", values.iterations ?? "10000", 1, 1_000_000);
    const seed = wholeOption("--seed", values.seed ?? "42", 0, 4_294_967_295);
    const file = loadCase(positionals[0]);
    if (values.scenario !== undefined && !file.scenarios.some((s) => s.key === values.scenario))
      throw new BadInput([`--scenario: no scenario has the key "${values.scenario}"`]);
    // The default stays the scenario on its own (case-format.md); --incremental gives the figures
    // the app headlines: the scenario (default the first non-baseline) minus the baseline, with
    // "baseline" in the output.
    let comparison = null;
    if (values.incremental) {
      const baseline = baselineOf(file);
      const alternative = values.scenario ?? headlineKeys(file.scenarios).alternative;
      if (!baseline) throw new BadInput(["--incremental: the case has no baseline scenario to compare with"]);
      if (!alternative || alternative === baseline.key)
        throw new BadInput(["--incremental: the scenario is the baseline itself; name another with --scenario"]);
      comparison = { alternative, baseline: baseline.key };
    }
    process.stdout.write(
      json(simulate(file, { iterations, seed, scenarioKey: values.scenario, comparison }), values.pretty ?? false) +
        "\n",
    );
  },
  async report(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        output: { type: "string", short: "o" },
        locale: { type: "string" },
        iterations: { type: "string" },
        seed: { type: "string" },
      },
    });
    if (!values.output) throw new UsageError("report needs -o <board.pdf>");
    if (values.locale !== undefined && !["en", "sv", "nb", "fr", "zh"].includes(values.locale))
      throw new BadInput([`--locale: one of en, sv, nb, fr, zh`]);
    const file = loadCase(positionals[0]);
    process.env.CASEBOARD_ROOT ??= path.resolve(import.meta.dirname, "..");
    const { renderReportPdf } = await import("../lib/report/render");
    // --iterations (and --seed): the report also prints that Monte Carlo run, on the incremental NPV
    // against the baseline when the case has one (the report's headline), as the web report does.
    let simulation = null;
    if (values.iterations !== undefined || values.seed !== undefined) {
      const iterations = wholeOption("--iterations", values.iterations ?? "10000", 1_000, 100_000);
      const seed = wholeOption("--seed", values.seed ?? "1", 0, 4_294_967_295);
      const comparison = headlineComparison(file);
      simulation = simulate(file, { iterations, seed, ...(comparison ? { comparison } : {}) });
    }
    writeFileSync(values.output, await renderReportPdf(file, { locale: values.locale, simulation }));
    process.stderr.write(`wrote ${values.output}\n`);
  },
  // The auditable workbook (case-format.md "The spreadsheet workbook"): no server, no database.
  async xlsx(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { output: { type: "string", short: "o" } },
    });
    if (!values.output) throw new UsageError("xlsx needs -o <case.xlsx>");
    const file = loadCase(positionals[0]);
    const { workbookBuffer } = await import("../lib/xlsx/export");
    writeOutput(values.output, await workbookBuffer(file, computeCase(file)));
    process.stderr.write(`wrote ${values.output}\n`);
  },
  async csv(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        output: { type: "string", short: "o" },
        lines: { type: "boolean" },
        "cash-flow": { type: "boolean" },
        scenario: { type: "string" },
      },
    });
    if (values.lines === values["cash-flow"]) throw new UsageError("csv needs one of --lines and --cash-flow");
    const file = loadCase(positionals[0]);
    if (values.scenario !== undefined && !file.scenarios.some((s) => s.key === values.scenario))
      throw new BadInput([`--scenario: no scenario has the key "${values.scenario}"`]);
    const { linesCsv, cashFlowCsv } = await import("../lib/xlsx/csv");
    const text = values.lines
      ? await linesCsv(file, values.scenario)
      : await cashFlowCsv(file, computeCase(file), values.scenario);
    if (values.output) writeOutput(values.output, text);
    else process.stdout.write(text);
  },
  // Every case side by side and, with budgets, the best set to fund (docs/portfolio.md).
  async portfolio(args) {
    const { runPortfolioCommand } = await import("./portfolio-command");
    process.stdout.write(json(await runPortfolioCommand(args, loadCase, BadInput), args.includes("--pretty")) + "\n");
  },
};

// Writes a file, or exits 2 naming the output path when it cannot be written.
function writeOutput(file: string, data: Uint8Array | string) {
  try {
    writeFileSync(file, data);
  } catch (error) {
    throw new BadInput([`-o ${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? "error"})`]);
  }
}

async function main(argv: string[]) {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(USAGE + "\n");
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`caseboard: unknown command "${name}"\n${USAGE}\n`);
    return 2;
  }
  try {
    await command(rest);
    return 0;
  } catch (error) {
    if (error instanceof BadInput) {
      process.stderr.write(error.problems.map((p) => `${p}\n`).join(""));
      return 2;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`caseboard: ${(error as Error).message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`caseboard: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
