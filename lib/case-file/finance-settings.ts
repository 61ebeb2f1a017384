// The case's tax, inflation and optimism-bias settings as one group (docs/tax-and-inflation.md):
// stored together, edited together on the settings page, each optional and off by default.
import type { CaseFile } from "./schema";

export const FINANCE_SETTING_KEYS = ["tax", "inflation", "priceBasis", "discountRateBasis", "optimismBias"] as const;
export type FinanceSettingKey = (typeof FINANCE_SETTING_KEYS)[number];
export type FinanceSettings = Partial<Pick<CaseFile, FinanceSettingKey>>;

// The settings a case file carries (only those present), or null when it has none.
export function financeSettingsOf(file: FinanceSettings): FinanceSettings | null {
  const out: Record<string, unknown> = {};
  for (const key of FINANCE_SETTING_KEYS) if (file[key] !== undefined) out[key] = file[key];
  return Object.keys(out).length > 0 ? (out as FinanceSettings) : null;
}

// A merge patch on the settings (a value sets, null removes, absent keeps), as the settings form
// and the API send it.
export function mergeFinanceSettings(
  held: FinanceSettings | null,
  patch: { [K in FinanceSettingKey]?: FinanceSettings[K] | null },
): FinanceSettings | null {
  const out: Record<string, unknown> = { ...(held ?? {}) };
  for (const key of FINANCE_SETTING_KEYS) {
    const v = patch[key];
    if (v === null) delete out[key];
    else if (v !== undefined) out[key] = v;
  }
  return financeSettingsOf(out as FinanceSettings);
}
