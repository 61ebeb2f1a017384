// The board report as a react-pdf document, drawn from a ReportModel (no Prisma, no Next).
// Charts are vector graphics from the same computed data.
import { Document, G, Line, Page, Path, Rect, StyleSheet, Svg, Text, View } from "@react-pdf/renderer";
import type { OptionsChart, ReportModel, Table, YearChart } from "@/lib/report/model";
import { RealisationPageContent } from "./realisation-section";

const C = {
  ink: "#111827",
  muted: "#4b5563",
  faint: "#9ca3af",
  rule: "#e5e7eb",
  benefit: "#0f766e",
  cost: "#b45309",
  baseline: "#6b7280",
  accent: "#1d4ed8",
  warn: "#b45309",
  pass: "#0f766e",
  negative: "#b91c1c",
};
// The app's colours: costs in amber, benefits in teal (one shade per category, darkest first);
// the sensitivity chart's lower/higher as the app's tornado (amber-500, blue-600).
const COST_SHADES = ["#92400e", "#b45309", "#d97706", "#f59e0b", "#fbbf24", "#fcd34d", "#fde68a", "#78350f", "#a16207"];
const BENEFIT_SHADES = ["#134e4a", "#0f766e", "#14b8a6", "#2dd4bf", "#5eead4", "#99f6e4", "#115e59"];
const TORNADO = { lower: "#f59e0b", higher: "#2563eb" };

const makeStyles = (font: string) =>
  StyleSheet.create({
    page: { fontFamily: font, fontSize: 9, color: C.ink, paddingTop: 54, paddingBottom: 60, paddingHorizontal: 48 },
    header: {
      position: "absolute",
      top: 22,
      left: 48,
      right: 48,
      flexDirection: "row",
      justifyContent: "space-between",
      fontSize: 7,
      color: C.faint,
    },
    footerRule: { position: "absolute", bottom: 40, left: 48, right: 48, borderTopWidth: 0.5, borderTopColor: C.rule },
    footerLeft: { position: "absolute", bottom: 26, left: 48, width: 420, fontSize: 7, color: C.muted },
    // Keep this Text free of width, textAlign and lineHeight: with them react-pdf drops a
    // render-prop Text (page numbers vanish). The page itself sets no lineHeight for the same reason.
    footerRight: { position: "absolute", bottom: 26, right: 48, fontSize: 7, color: C.muted },
    draft: { position: "absolute", top: 20, right: 48, fontSize: 8, color: "#b91c1c", fontWeight: 700 },
    section: { fontSize: 8, color: C.accent, fontWeight: 600, textTransform: "uppercase", marginBottom: 4 },
    title: { fontSize: 15, fontWeight: 700, marginBottom: 12, lineHeight: 1.25 },
    label: { fontSize: 8, color: C.muted, fontWeight: 600, marginTop: 10, marginBottom: 4 },
    // fontSize with lineHeight: without it react-pdf multiplies lineHeight by its 18 pt default
    // (a paragraph's lines then stand 24 pt apart).
    p: { fontSize: 9, marginBottom: 5, lineHeight: 1.35 },
    small: { fontSize: 7, color: C.muted },
    th: { fontWeight: 600, color: C.muted, fontSize: 7.5 },
    row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: C.rule, paddingVertical: 3 },
    headRow: { flexDirection: "row", borderBottomWidth: 1, borderBottomColor: C.ink, paddingVertical: 3 },
  });

type Styles = ReturnType<typeof makeStyles>;

function DataTable({ table, s, firstWidth = 0.32 }: { table: Table; s: Styles; firstWidth?: number }) {
  const n = table.header.length;
  const rest = (1 - firstWidth) / Math.max(1, n - 1);
  const width = (i: number) => `${(i === 0 ? firstWidth : rest) * 100}%`;
  return (
    <View>
      <View style={s.headRow} fixed>
        {table.header.map((h, i) => (
          <Text key={i} style={[s.th, { width: width(i), textAlign: i === 0 ? "left" : "right", paddingRight: 4 }]}>
            {h}
          </Text>
        ))}
      </View>
      {table.rows.map((r, ri) => (
        <View key={ri} style={s.row} wrap={false}>
          {r.cells.map((c, i) => (
            <Text
              key={i}
              style={{
                width: width(i),
                textAlign: i === 0 ? "left" : "right",
                paddingRight: 4,
                fontWeight: r.bold ? 700 : 400,
                color: r.negative?.[i] ? "#b91c1c" : C.ink,
              }}
            >
              {c}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

function TextTable({ table, s, widths }: { table: Table; s: Styles; widths: number[] }) {
  return (
    <View>
      <View style={s.headRow} fixed>
        {table.header.map((h, i) => (
          <Text key={i} style={[s.th, { width: `${widths[i]! * 100}%`, paddingRight: 6 }]}>
            {h}
          </Text>
        ))}
      </View>
      {table.rows.map((r, ri) => (
        <View key={ri} style={s.row} wrap={false}>
          {r.cells.map((c, i) => (
            <Text key={i} style={{ width: `${widths[i]! * 100}%`, paddingRight: 6 }}>
              {c}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

function CashChart({ m, s }: { m: ReportModel["summary"]["chart"]; s: Styles }) {
  const W = 500;
  const H = 150;
  const padL = 4;
  const xs = m.months;
  const lo = Math.min(0, ...m.cumulative);
  const hi = Math.max(0, ...m.cumulative, 1);
  const x = (month: number) => padL + (month / Math.max(1, xs[xs.length - 1]!)) * (W - padL - 8);
  const y = (v: number) => 10 + (1 - (v - lo) / (hi - lo || 1)) * (H - 30);
  const d = m.cumulative.map((v, i) => `${i === 0 ? "M" : "L"}${x(xs[i]!).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  return (
    <View>
      <Svg width={W} height={H}>
        <Line x1={padL} x2={W - 8} y1={y(0)} y2={y(0)} stroke={C.faint} strokeWidth={0.7} />
        <Path d={d} stroke={C.benefit} strokeWidth={1.6} fill="none" />
        {m.paybackMonth !== null ? (
          <G>
            <Line
              x1={x(m.paybackMonth)}
              x2={x(m.paybackMonth)}
              y1={8}
              y2={H - 18}
              stroke={C.accent}
              strokeWidth={0.8}
              strokeDasharray="3 2"
            />
            <Rect x={x(m.paybackMonth) - 2.5} y={y(0) - 2.5} width={5} height={5} fill={C.accent} />
          </G>
        ) : null}
      </Svg>
      <View style={{ flexDirection: "row", justifyContent: "space-between", marginTop: -12 }}>
        <Text style={s.small}>{m.yTicks[0]!.label}</Text>
        {m.paybackLabel ? <Text style={[s.small, { color: C.accent }]}>{m.paybackLabel}</Text> : null}
        <Text style={s.small}>{m.yTicks[2]!.label}</Text>
      </View>
    </View>
  );
}

function HeatMap({ heat, s }: { heat: ReportModel["risk"]["heat"]; s: Styles }) {
  const cell = 22;
  const left = 14; // room for the likelihood numbers
  const colour = (l: number, i: number) => {
    const score = (l + 1) * (i + 1);
    return score >= 15 ? "#fecaca" : score >= 8 ? "#fde68a" : "#d1fae5";
  };
  return (
    <View style={{ width: 170 }}>
      <Text style={s.label}>{heat.label}</Text>
      <View style={{ flexDirection: "row" }}>
        {/* The axis title reads bottom to top beside the numbers 1..5. */}
        <View style={{ width: 12, height: cell * 5, justifyContent: "center" }}>
          <Text
            style={[
              s.small,
              { transform: "rotate(-90deg)", width: cell * 5, marginLeft: -(cell * 5) / 2 + 5, textAlign: "center" },
            ]}
          >
            {heat.likelihood}
          </Text>
        </View>
        <Svg width={left + cell * 5 + 2} height={cell * 5 + 14}>
          {heat.cells.map((row, l) =>
            row.map((count, i) => (
              <G key={`${l}-${i}`}>
                <Rect
                  x={left + 1 + i * cell}
                  y={1 + (4 - l) * cell}
                  width={cell - 2}
                  height={cell - 2}
                  fill={colour(l, i)}
                />
                {count > 0 ? (
                  <Text
                    x={left + 1 + i * cell + cell / 2 - 1}
                    y={1 + (4 - l) * cell + cell / 2 + 3}
                    style={{ fontSize: 8, fontWeight: 700 }}
                    fill={C.ink}
                    textAnchor="middle"
                  >
                    {String(count)}
                  </Text>
                ) : null}
              </G>
            )),
          )}
          {[1, 2, 3, 4, 5].map((n) => (
            <G key={`axis-${n}`}>
              <Text
                x={left - 5}
                y={1 + (5 - n) * cell + cell / 2 + 2.5}
                style={{ fontSize: 7 }}
                fill={C.muted}
                textAnchor="end"
              >
                {String(n)}
              </Text>
              <Text
                x={left + 1 + (n - 1) * cell + cell / 2 - 1}
                y={cell * 5 + 10}
                style={{ fontSize: 7 }}
                fill={C.muted}
                textAnchor="middle"
              >
                {String(n)}
              </Text>
            </G>
          ))}
        </Svg>
      </View>
      <Text style={[s.small, { marginLeft: 12 + left, width: cell * 5, textAlign: "center" }]}>{heat.impact}</Text>
    </View>
  );
}

// Both directions, as the app draws them: from the base NPV to the NPV with the line 20 % lower
// (amber) and 20 % higher (blue), on one scale; the NPV at each end printed beside the bar.
function Tornado({
  bars,
  base,
  legend,
  s,
}: {
  bars: ReportModel["risk"]["tornado"];
  base: number;
  legend: ReportModel["risk"]["tornadoLegend"];
  s: Styles;
}) {
  if (bars.length === 0) return null;
  const values = bars.flatMap((b) => [b.low, b.high]).concat(base);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const W = 200;
  const x = (v: number) => 2 + ((v - min) / (max - min || 1)) * (W - 4);
  const seg = (v: number, fill: string) => (
    <Rect x={Math.min(x(v), x(base))} y={1.5} width={Math.max(0.8, Math.abs(x(v) - x(base)))} height={7} fill={fill} />
  );
  const swatch = (fill: string, text: string) => (
    <View style={{ flexDirection: "row", alignItems: "center", marginRight: 12 }}>
      <View style={{ width: 8, height: 6, backgroundColor: fill, marginRight: 3 }} />
      <Text style={s.small}>{text}</Text>
    </View>
  );
  return (
    <View>
      <View style={{ flexDirection: "row", marginBottom: 4 }}>
        {swatch(TORNADO.lower, legend.lower)}
        {swatch(TORNADO.higher, legend.higher)}
        {swatch(C.ink, legend.base)}
      </View>
      {bars.map((b, i) => (
        <View key={i} style={{ flexDirection: "row", alignItems: "center", marginBottom: 2 }} wrap={false}>
          <Text style={{ width: 150, fontSize: 7.5 }}>{b.name}</Text>
          <Text
            style={[
              s.small,
              { width: 68, textAlign: "right", paddingRight: 4, color: b.low < b.high ? C.cost : C.accent },
            ]}
          >
            {b.low < b.high ? b.lowLabel : b.highLabel}
          </Text>
          <Svg width={W} height={10}>
            {seg(b.low, TORNADO.lower)}
            {seg(b.high, TORNADO.higher)}
            <Line x1={x(base)} x2={x(base)} y1={0} y2={10} stroke={C.ink} strokeWidth={0.8} />
          </Svg>
          <Text style={[s.small, { width: 68, paddingLeft: 4, color: b.low < b.high ? C.accent : C.cost }]}>
            {b.low < b.high ? b.highLabel : b.lowLabel}
          </Text>
        </View>
      ))}
    </View>
  );
}

// Options: each scenario's TCO beside its NPV, one bar each, labelled directly.
function OptionsExhibit({ chart, s }: { chart: OptionsChart; s: Styles }) {
  const W = 150;
  const panel = (
    label: string,
    value: (r: OptionsChart["rows"][number]) => number,
    text: (r: OptionsChart["rows"][number]) => string,
    colour: (r: OptionsChart["rows"][number]) => string,
  ) => {
    const span = Math.max(...chart.rows.map((r) => Math.abs(value(r))), 1);
    const hasNegative = chart.rows.some((r) => value(r) < 0);
    const zero = hasNegative ? W / 2 : 0;
    const scale = hasNegative ? W / 2 : W;
    return (
      <View style={{ width: "50%", paddingRight: 10 }}>
        <Text style={s.label}>{label}</Text>
        {chart.rows.map((r, i) => {
          const v = value(r);
          const w = Math.max(0.8, (Math.abs(v) / span) * scale);
          return (
            <View key={i} style={{ marginBottom: 6 }} wrap={false}>
              <Text style={{ fontSize: 7.5, marginBottom: 1.5 }}>{r.name}</Text>
              <View style={{ flexDirection: "row", alignItems: "center" }}>
                <Svg width={W} height={14}>
                  <Rect x={v < 0 ? zero - w : zero} y={1} width={w} height={12} fill={colour(r)} />
                  {hasNegative ? <Line x1={zero} x2={zero} y1={0} y2={14} stroke={C.faint} strokeWidth={0.5} /> : null}
                </Svg>
                <Text style={{ fontSize: 8, fontWeight: 700, marginLeft: 4, color: v < 0 ? C.negative : C.ink }}>
                  {text(r)}
                </Text>
              </View>
            </View>
          );
        })}
      </View>
    );
  };
  return (
    <View style={{ flexDirection: "row", marginBottom: 10 }}>
      {panel(
        chart.tcoLabel,
        (r) => r.tco,
        (r) => r.tcoText,
        (r) => (r.baseline ? C.baseline : C.cost),
      )}
      {panel(
        chart.npvLabel,
        (r) => r.npv,
        (r) => r.npvText,
        (r) => (r.baseline ? C.baseline : r.npv < 0 ? C.negative : C.benefit),
      )}
    </View>
  );
}

// Costs or benefits by year, stacked by category (one shade each), the year's total on top.
function YearBars({ chart, shades, s }: { chart: YearChart; shades: string[]; s: Styles }) {
  const W = 500;
  const H = 170;
  const top = 14;
  const bottom = 16;
  const n = chart.years.length;
  const slot = W / Math.max(1, n);
  const barW = Math.min(56, slot * 0.55);
  const max = Math.max(...chart.totals.map((t) => t.value), 1);
  const y = (v: number) => top + (1 - v / max) * (H - top - bottom);
  return (
    <View wrap={false}>
      <Text style={s.label}>{chart.label}</Text>
      <Svg width={W} height={H}>
        <Line x1={0} x2={W} y1={y(0)} y2={y(0)} stroke={C.faint} strokeWidth={0.6} />
        {chart.years.map((label, yi) => {
          let acc = 0;
          const cx = slot * yi + slot / 2;
          return (
            <G key={yi}>
              {chart.series.map((se, si) => {
                const v = Math.max(0, se.values[yi] ?? 0);
                const y0 = y(acc);
                acc += v;
                const y1 = y(acc);
                return v > 0 ? (
                  <Rect
                    key={si}
                    x={cx - barW / 2}
                    y={y1}
                    width={barW}
                    height={Math.max(0.5, y0 - y1)}
                    fill={shades[si % shades.length]!}
                  />
                ) : null;
              })}
              <Text
                x={cx}
                y={y(chart.totals[yi]!.value) - 3}
                style={{ fontSize: 7.5, fontWeight: 700 }}
                fill={C.ink}
                textAnchor="middle"
              >
                {chart.totals[yi]!.text}
              </Text>
              <Text x={cx} y={H - 4} style={{ fontSize: 7 }} fill={C.muted} textAnchor="middle">
                {label}
              </Text>
            </G>
          );
        })}
      </Svg>
      <View style={{ flexDirection: "row", flexWrap: "wrap", marginTop: 4 }}>
        {chart.series.map((se, si) => (
          <View key={si} style={{ flexDirection: "row", alignItems: "center", marginRight: 10, marginBottom: 2 }}>
            <View style={{ width: 7, height: 7, backgroundColor: shades[si % shades.length]!, marginRight: 3 }} />
            <Text style={s.small}>{se.name}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

function Chrome({ model, s }: { model: ReportModel; s: Styles }) {
  return (
    <>
      <View style={s.header} fixed>
        <Text>{model.caseName.length > 90 ? `${model.caseName.slice(0, 88)}\u2026` : model.caseName}</Text>
      </View>
      {model.draft ? (
        <Text style={s.draft} fixed>
          {model.labels.draft}
        </Text>
      ) : null}
      <View style={s.footerRule} fixed />
      <Text style={s.footerLeft} fixed>
        {model.footerLeft.length > 140 ? `${model.footerLeft.slice(0, 138)}\u2026` : model.footerLeft}
      </Text>
      <Text
        style={s.footerRight}
        fixed
        render={({ pageNumber, totalPages }) => model.labels.page(pageNumber, totalPages ?? pageNumber)}
      />
    </>
  );
}

export function ReportDocument({ model }: { model: ReportModel }) {
  const s = makeStyles(model.fontFamily);
  const sum = model.summary;
  return (
    <Document
      title={model.caseName}
      author={model.cover.lines[1] ?? "Caseboard"}
      creator="Caseboard"
      producer="Caseboard"
      language={model.locale}
    >
      <Page size="A4" style={[s.page, { justifyContent: "space-between" }]}>
        <Chrome model={model} s={s} />
        <View style={{ marginTop: 140 }}>
          <Text style={[s.section, { fontSize: 10 }]}>{model.cover.title}</Text>
          <Text style={{ fontSize: 26, fontWeight: 700, lineHeight: 1.2, marginBottom: 18 }}>{model.cover.name}</Text>
          {model.cover.lines.map((l, i) => (
            <Text key={i} style={{ fontSize: 11, color: C.muted, marginBottom: 3 }}>
              {l}
            </Text>
          ))}
          <Text style={{ fontSize: 11, marginTop: 10, color: model.draft ? "#b91c1c" : C.pass, fontWeight: 600 }}>
            {model.cover.versionStatement}
          </Text>
        </View>
        <Text style={s.small}>{model.cover.confidential}</Text>
      </Page>

      <Page size="A4" style={s.page}>
        <Chrome model={model} s={s} />
        <Text style={s.section}>{sum.heading}</Text>
        <Text style={s.title}>{sum.title}</Text>
        <Text style={s.label}>{sum.decisionLabel}</Text>
        <Text style={s.p}>{sum.decision}</Text>
        <Text style={s.label}>{sum.headlineLabel}</Text>
        <View
          style={{
            flexDirection: "row",
            borderTopWidth: 1,
            borderTopColor: C.ink,
            borderBottomWidth: 0.5,
            borderBottomColor: C.rule,
            paddingVertical: 6,
          }}
        >
          {sum.figures.map((f, i) => (
            <View key={i} style={{ width: `${100 / sum.figures.length}%`, paddingRight: 4 }}>
              <Text style={s.small}>{f.label}</Text>
              <Text style={{ fontSize: 10, fontWeight: 700 }}>{f.value}</Text>
              <Text style={[s.small, { fontSize: 6.5 }]}>{f.unadjusted}</Text>
            </View>
          ))}
        </View>
        <Text style={s.label}>{sum.chartLabel}</Text>
        <CashChart m={sum.chart} s={s} />
        <View style={{ flexDirection: "row", marginTop: 8 }}>
          <View style={{ width: "62%", paddingRight: 12 }}>
            <Text style={s.label}>{sum.checksLabel}</Text>
            {sum.checks.map((c, i) => (
              <View key={i} style={{ flexDirection: "row", marginBottom: 2.5 }} wrap={false}>
                <Text style={{ width: 44, fontSize: 7, fontWeight: 700, color: c.status === "pass" ? C.pass : C.warn }}>
                  {c.statusLabel.toUpperCase()}
                </Text>
                <Text style={{ flex: 1, fontSize: 7.5 }}>{c.message}</Text>
              </View>
            ))}
          </View>
          <View style={{ width: "38%" }}>
            <Text style={s.label}>{sum.risksLabel}</Text>
            {sum.risks.map((r, i) => (
              <Text key={i} style={{ fontSize: 7.5, marginBottom: 3 }}>
                {i + 1}. {r}
              </Text>
            ))}
          </View>
        </View>
      </Page>

      {model.realisation ? (
        <Page size="A4" style={s.page}>
          <RealisationPageContent r={model.realisation} s={s} chrome={<Chrome model={model} s={s} />} />
        </Page>
      ) : null}

      <Page size="A4" style={s.page}>
        <Chrome model={model} s={s} />
        <Text style={s.section}>{model.options.heading}</Text>
        <Text style={s.title}>{model.options.title}</Text>
        <OptionsExhibit chart={model.options.chart} s={s} />
        {model.options.table ? <DataTable table={model.options.table} s={s} firstWidth={0.36} /> : null}
        {model.options.incremental ? (
          <View style={{ marginTop: 8 }}>
            <Text style={s.label}>{model.options.incrementalLabel}</Text>
            <DataTable table={model.options.incremental} s={s} firstWidth={0.36} />
          </View>
        ) : null}

        <View break>
          <Text style={s.section}>{model.costs.heading}</Text>
          <Text style={s.title}>{model.costs.title}</Text>
          <YearBars chart={model.costs.chart} shades={COST_SHADES} s={s} />
          <Text style={s.label}>{model.costs.label}</Text>
          <DataTable table={model.costs.table} s={s} />
        </View>

        <View break>
          <Text style={s.section}>{model.benefits.heading}</Text>
          <Text style={s.title}>{model.benefits.table ? model.benefits.title : model.benefits.emptyNote}</Text>
          {model.benefits.chart ? <YearBars chart={model.benefits.chart} shades={BENEFIT_SHADES} s={s} /> : null}
          {model.benefits.table ? (
            <>
              <Text style={s.label}>{model.benefits.label}</Text>
              <DataTable table={model.benefits.table} s={s} />
            </>
          ) : null}
          {model.benefits.marginNote ? (
            <Text style={[s.small, { marginTop: 4 }]}>{model.benefits.marginNote}</Text>
          ) : null}
          <Text style={s.label}>{model.benefits.intangibleLabel}</Text>
          {model.benefits.intangibles ? (
            <TextTable table={model.benefits.intangibles} s={s} widths={[0.4, 0.3, 0.15, 0.15]} />
          ) : (
            <Text style={s.small}>{model.benefits.noneNote}</Text>
          )}
        </View>
      </Page>

      {model.finance ? (
        <Page size="A4" style={s.page}>
          <Chrome model={model} s={s} />
          <Text style={s.section}>{model.finance.heading}</Text>
          <Text style={s.title}>{model.finance.title}</Text>
          {model.finance.intro ? <Text style={s.p}>{model.finance.intro}</Text> : null}
          <DataTable table={model.finance.figures} s={s} firstWidth={0.22} />
          {model.finance.taxYears ? (
            <>
              <Text style={s.label}>{model.finance.taxYearsLabel}</Text>
              <DataTable table={model.finance.taxYears} s={s} firstWidth={0.16} />
            </>
          ) : null}
        </Page>
      ) : null}

      <Page size="A4" style={s.page}>
        <Chrome model={model} s={s} />
        <Text style={s.section}>{model.risk.heading}</Text>
        <Text style={s.title}>{model.risk.title}</Text>
        <View style={{ flexDirection: "row" }}>
          <View style={{ flex: 1, paddingRight: 12 }}>
            {model.risk.table ? <TextTable table={model.risk.table} s={s} widths={[0.3, 0.17, 0.16, 0.37]} /> : null}
          </View>
          <HeatMap heat={model.risk.heat} s={s} />
        </View>
        <Text style={s.label}>{model.risk.tornadoLabel}</Text>
        <Tornado bars={model.risk.tornado} base={model.risk.base} legend={model.risk.tornadoLegend} s={s} />
        {model.risk.monteCarlo ? <Text style={[s.p, { marginTop: 6 }]}>{model.risk.monteCarlo}</Text> : null}
        {model.switching.table ? (
          <View wrap={false}>
            <Text style={s.label}>{model.switching.heading}</Text>
            <Text style={s.small}>{model.switching.intro}</Text>
            <DataTable table={model.switching.table} s={s} firstWidth={0.4} />
          </View>
        ) : null}

        <View break>
          <Text style={s.section}>{model.method.heading}</Text>
          <Text style={s.title}>{model.method.title}</Text>
          {model.method.paragraphs.map((p, i) => (
            <Text key={i} style={s.p}>
              {p}
            </Text>
          ))}
          <Text style={s.label}>{model.method.formulasLabel}</Text>
          {model.method.formulas.map((f, i) => (
            <Text key={i} style={{ fontSize: 8, marginBottom: 2 }}>
              {f}
            </Text>
          ))}
          {model.method.assumptions.length ? <Text style={s.label}>{model.method.assumptionsLabel}</Text> : null}
          {model.method.assumptions.map((a, i) => (
            <Text key={i} style={s.p}>
              <Text style={{ fontWeight: 600 }}>{a.title}: </Text>
              {a.text}
              {a.meta ? <Text style={{ color: C.muted }}>{` (${a.meta})`}</Text> : null}
            </Text>
          ))}
          {model.discussion ? <Text style={s.label}>{model.discussion.heading}</Text> : null}
          {model.discussion?.threads.map((th, i) => (
            <View key={i} style={{ marginBottom: 4 }} wrap={false}>
              <Text style={[s.p, { fontWeight: 600, marginBottom: 1 }]}>{th.about}</Text>
              {th.comments.map((c, j) => (
                <Text key={j} style={[s.p, { marginLeft: 8, marginBottom: 1 }]}>
                  <Text style={{ fontWeight: 600 }}>{c.author}: </Text>
                  {c.body}
                </Text>
              ))}
            </View>
          ))}
        </View>
      </Page>

      <Page size="A4" orientation="landscape" style={s.page}>
        <Chrome model={model} s={s} />
        <Text style={s.section}>{model.appendix.heading}</Text>
        {model.appendix.sections.map((sec, i) => (
          <View key={i} break={i > 0}>
            <Text style={s.title}>{sec.title}</Text>
            {sec.note ? <Text style={[s.small, { marginBottom: 4 }]}>{sec.note}</Text> : null}
            <DataTable table={sec.table} s={s} firstWidth={0.3} />
          </View>
        ))}
        <View break wrap={false}>
          <Text style={s.section}>{model.approval.heading}</Text>
          <Text style={s.p}>{model.approval.text}</Text>
          <View style={s.headRow}>
            {model.approval.columns.map((c, i) => (
              <Text key={i} style={[s.th, { width: "25%" }]}>
                {c}
              </Text>
            ))}
          </View>
          {[0, 1, 2].map((r) => (
            <View
              key={r}
              style={{ flexDirection: "row", height: 34, borderBottomWidth: 0.5, borderBottomColor: C.faint }}
            >
              {model.approval.columns.map((_, i) => (
                <View key={i} style={{ width: "25%" }} />
              ))}
            </View>
          ))}
        </View>
      </Page>
    </Document>
  );
}
