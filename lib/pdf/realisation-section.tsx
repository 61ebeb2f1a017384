// The board report's "Benefit realisation" page (docs/features.md#the-board-report), drawn from the section model
// (lib/report/realisation-section.ts); report-document.tsx places it after the executive summary.
import { Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import type { Table } from "@/lib/report/model";
import type { RealisationSection } from "@/lib/report/realisation-section";

import type { StyleSheet } from "@react-pdf/renderer";

type Style = ReturnType<typeof StyleSheet.create>[string];
type Styles = Record<"section" | "title" | "label" | "small" | "th" | "row" | "headRow" | "p", Style>;

const INK = "#111827";
const RED = "#b91c1c";

function Grid({ table, s, widths }: { table: Table; s: Styles; widths: number[] }) {
  const w = (i: number) => `${(widths[i] ?? widths[widths.length - 1]!) * 100}%`;
  return (
    <View>
      <View style={s.headRow}>
        {table.header.map((h, i) => (
          <Text key={i} style={[s.th, { width: w(i), textAlign: i === 0 ? "left" : "right", paddingRight: 4 }]}>
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
                width: w(i),
                textAlign: i === 0 ? "left" : "right",
                paddingRight: 4,
                fontWeight: r.bold ? 700 : 400,
                color: r.negative?.[i] ? RED : INK,
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

export function RealisationPageContent({ r, s, chrome }: { r: RealisationSection; s: Styles; chrome: ReactNode }) {
  return (
    <>
      {chrome}
      <Text style={s.section}>{r.heading}</Text>
      <Text style={s.title}>{r.title}</Text>
      <Text style={s.label}>{r.quartersLabel}</Text>
      <Grid table={r.quarters} s={s} widths={[0.32, 0.17]} />
      <View style={{ flexDirection: "row", marginTop: 6 }}>
        <View style={{ width: "58%", paddingRight: 12 }}>
          <Text style={s.label}>{r.linesLabel}</Text>
          <Grid table={r.lines} s={s} widths={[0.46, 0.18]} />
          {r.notRecorded ? <Text style={[s.small, { marginTop: 4 }]}>{r.notRecorded}</Text> : null}
          {r.currencyNote ? <Text style={[s.small, { marginTop: 4 }]}>{r.currencyNote}</Text> : null}
        </View>
        <View style={{ width: "42%" }}>
          <Text style={s.label}>{r.forecastLabel}</Text>
          <Grid table={r.forecast} s={s} widths={[0.36, 0.32]} />
          {r.checks.length ? (
            <View style={{ marginTop: 8 }}>
              {r.checks.map((c, i) => (
                <Text
                  key={i}
                  style={{ fontSize: 7.5, marginBottom: 2.5, color: c.status === "pass" ? "#0f766e" : "#b45309" }}
                  wrap={false}
                >
                  {c.message}
                </Text>
              ))}
            </View>
          ) : null}
        </View>
      </View>
      {r.kpis ? (
        <>
          <Text style={s.label}>{r.kpisLabel}</Text>
          <Grid table={r.kpis} s={s} widths={[0.36, 0.16]} />
        </>
      ) : null}
    </>
  );
}
