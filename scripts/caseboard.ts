// caseboard compute | validate | simulate | report | pptx | xlsx | csv | import  (docs/case-file.md#the-command-line)
// Exit codes: 0 ok, 2 bad input (every problem with its JSON path on stderr), 1 anything else.
// Never a stack trace: unexpected errors print one line.
import { createWriteStream, openSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { CaseFile } from "../lib/case-file/schema";
import { MAX_FILE_BYTES, parseCaseFileText } from "../lib/case-file/parse";
import { computeCase } from "../lib/finance/compute";
import { baselineOf } from "../lib/finance/compute";
import { headlineKeys } from "../lib/finance/headline";
import { headlineComparison, simulate } from "../lib/finance/uncertainty";
import { GOAL_METRICS, GoalSeekError, goalSeek, type GoalMetric } from "../lib/finance/goal-seek";

export class UsageError extends Error {}

const USAGE = `usage:
  caseboard compute <case.json|-> [--pretty]
  caseboard validate <case.json|->
  caseboard simulate <case.json|-> [--iterations 10000] [--seed 42] [--scenario KEY] [--incremental] [--pretty]
  caseboard report <case.json|-> -o <board.pdf> [--locale en|sv|nb|fr|zh] [--iterations N --seed S]
  caseboard pptx <case.json|-> -o <board.pptx> [--locale en|sv|nb|fr|zh]
  caseboard xlsx <case.json|-> -o <case.xlsx>
  caseboard csv <case.json|-> --lines|--cash-flow [--scenario KEY] [-o <out.csv>]
  caseboard import <book.xlsx|book.ods|book.csv> [--sheet NAME ...] [--mapping m.json] [--print-mapping] [--currency CUR] [--locale en|sv|nb|fr|zh] -o <case.json>
  caseboard goal-seek <case.json|-> --input "<object id>.<field>"|discountRate --metric npv|irr|payback|roi|afterTaxNpv
            --target T [--scenario KEY] [--low L --high H] [--pretty]
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
    // The default stays the scenario on its own (docs/finance.md#uncertainty); --incremental gives the figures
    // the app headlines: the scenario (default the first non-baseline) minus the baseline, with
    // "baseline" in the output.
    let comparison = null;
    if (values.incremental) {
      const baseline = baselineOf(file);
      const alternative = values.scenario ?? headlineKeys(file.scenarios, file.chosenScenario).alternative;
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
  // The board pack as PowerPoint (docs/board-pack.md): the report's model, the default design.
  async pptx(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { output: { type: "string", short: "o" }, locale: { type: "string" } },
    });
    if (!values.output) throw new UsageError("pptx needs -o <board.pptx>");
    if (values.locale !== undefined && !["en", "sv", "nb", "fr", "zh"].includes(values.locale))
      throw new BadInput([`--locale: one of en, sv, nb, fr, zh`]);
    const file = loadCase(positionals[0]);
    const { renderReportPptx } = await import("../lib/pptx/render");
    writeOutput(values.output, await renderReportPptx(file, { locale: values.locale }));
    process.stderr.write(`wrote ${values.output}\n`);
  },
  // The auditable workbook (docs/case-file.md#the-workbook): no server, no database.
  async xlsx(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { output: { type: "string", short: "o" } },
    });
    if (!values.output) throw new UsageError("xlsx needs -o <case.xlsx>");
    const file = loadCase(positionals[0]);
    const { writeWorkbook } = await import("../lib/xlsx/export");
    // Streamed into the file as it is written (docs/workbook.md): the workbook is never in memory.
    let fd: number;
    try {
      fd = openSync(values.output, "w");
    } catch (error) {
      throw new BadInput([`-o ${values.output}: cannot write (${(error as NodeJS.ErrnoException).code ?? "error"})`]);
    }
    const { collectorAfter } = await import("../lib/xlsx/collect");
    await writeWorkbook(file, computeCase(file), createWriteStream("", { fd }), { afterSheet: collectorAfter() });
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
  // Another person's workbook -> a case file (docs/import.md). --print-mapping prints the guessed
  // mapping; edited, it is what --mapping takes. Every problem names its sheet and cell.
  async import(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        output: { type: "string", short: "o" },
        sheet: { type: "string", multiple: true },
        mapping: { type: "string" },
        "print-mapping": { type: "boolean" },
        currency: { type: "string" },
        locale: { type: "string" },
      },
    });
    const input = positionals[0];
    if (!input) throw new UsageError("missing the workbook argument");
    if (!values.output && !values["print-mapping"])
      throw new UsageError("import needs -o <case.json> (or --print-mapping)");
    if (values.currency !== undefined && !/^[A-Z]{3}$/.test(values.currency))
      throw new BadInput([`--currency: an ISO 4217 code such as SEK`]);
    if (values.locale !== undefined && !["en", "sv", "nb", "fr", "zh"].includes(values.locale))
      throw new BadInput([`--locale: one of en, sv, nb, fr, zh`]);
    const { MAX_WORKBOOK_BYTES, ReadProblem } = await import("../lib/import/read");
    const { localeOfEnvironment, renderMessage } = await import("../lib/import/messages");
    // Problems and notes in the asked language, else the environment's (LANG), else English.
    const locale = localeOfEnvironment(values.locale ?? null, process.env);
    const say = (m: Parameters<typeof renderMessage>[0]) => renderMessage(m, locale);
    const { importFile } = await import("../lib/import/file");
    const { MappingProblem } = await import("../lib/import/workbook");
    let bytes: Uint8Array;
    try {
      if (statSync(input).size > MAX_WORKBOOK_BYTES)
        throw new BadInput([`${input}: the file is larger than ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB`]);
      bytes = readFileSync(input);
    } catch (error) {
      if (error instanceof BadInput) throw error;
      throw new UsageError(`cannot read ${input}: no such file`);
    }
    let mapping: unknown;
    if (values.mapping !== undefined) {
      try {
        mapping = JSON.parse(readFileSync(values.mapping, "utf8"));
      } catch (error) {
        throw new BadInput([
          `--mapping ${values.mapping}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "not valid JSON"}`,
        ]);
      }
    }
    let preview;
    try {
      preview = await importFile(bytes, path.basename(input), {
        ...(values.sheet ? { sheet: values.sheet.length === 1 ? values.sheet[0] : values.sheet } : {}),
        ...(mapping !== undefined ? { mapping } : {}),
        ...(values.currency ? { currency: values.currency } : {}),
      });
    } catch (error) {
      if (error instanceof ReadProblem)
        throw new BadInput([say({ code: error.code, params: error.params, where: error.where ?? input })]);
      if (error instanceof MappingProblem) throw new BadInput(error.problems.map(say));
      throw error;
    }
    for (const note of preview.notes) process.stderr.write(`note: ${say(note)}\n`);
    if (values["print-mapping"]) {
      process.stdout.write(json(preview.mapping, true) + "\n");
      if (!values.output) return;
    }
    if (preview.problems.length > 0 || !preview.file) throw new BadInput(preview.problems.map(say));
    writeOutput(values.output!, json(preview.file, true) + "\n");
    const lines = preview.file.scenarios.reduce((n, s) => n + s.costs.length + s.benefits.length, 0);
    process.stderr.write(`wrote ${values.output}: ${preview.file.scenarios.length} scenario(s), ${lines} line(s)\n`);
  },
  // Every case side by side and, with budgets, the best set to fund (docs/portfolio.md).
  async portfolio(args) {
    const { runPortfolioCommand } = await import("./portfolio-command");
    process.stdout.write(json(await runPortfolioCommand(args, loadCase, BadInput), args.includes("--pretty")) + "\n");
  },
};

// A decimal option, or exit 2 naming it.
function decimalOption(name: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$/.test(text)) throw new BadInput([`${name}: a decimal number`]);
  return text;
}

// The value of one input that brings a metric to a target (docs/tax-and-inflation.md); exit 2 when
// no value in the range reaches it.
commands["goal-seek"] = (args) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      input: { type: "string" },
      metric: { type: "string" },
      target: { type: "string" },
      scenario: { type: "string" },
      low: { type: "string" },
      high: { type: "string" },
      pretty: { type: "boolean" },
    },
  });
  if (values.input === undefined) throw new BadInput(['--input: required ("<object id>.<field>" or discountRate)']);
  if (!GOAL_METRICS.includes(values.metric as GoalMetric))
    throw new BadInput([`--metric: one of ${GOAL_METRICS.join(", ")}`]);
  const target = decimalOption("--target", values.target);
  if (target === undefined) throw new BadInput(["--target: required (a decimal number)"]);
  const low = decimalOption("--low", values.low);
  const high = decimalOption("--high", values.high);
  const file = loadCase(positionals[0]);
  let result;
  try {
    result = goalSeek(file, {
      input: values.input,
      metric: values.metric as GoalMetric,
      target,
      ...(values.scenario !== undefined ? { scenario: values.scenario } : {}),
      ...(low !== undefined ? { low } : {}),
      ...(high !== undefined ? { high } : {}),
    });
  } catch (error) {
    if (error instanceof GoalSeekError)
      throw new BadInput([`--${error.field}: ${error.message.slice(error.field.length + 2)}`]);
    throw error;
  }
  if (!result.reached) throw new BadInput([result.message]);
  process.stdout.write(json({ value: result.value, achieved: result.achieved }, values.pretty ?? false) + "\n");
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
