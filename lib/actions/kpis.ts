"use server";
import { addKpi, deleteKpi, duplicateKpi, reorderKpis, updateKpi } from "@/lib/db/kpis";
import { kpiSchema, updateKpiSchema, type KpiInput, type UpdateKpiInput } from "@/lib/validation/case";
import {
  addItem,
  deleteItem,
  duplicateItem,
  reorderItems,
  updateItem,
  type ItemWrite,
  type OrderedItemStore,
} from "./ordered-items";

// The KPI table's writes (the shared bodies are in ./ordered-items).
const kpis: OrderedItemStore<KpiInput, UpdateKpiInput> = {
  add: addKpi,
  update: updateKpi,
  duplicate: duplicateKpi,
  reorder: reorderKpis,
  remove: deleteKpi,
  schema: kpiSchema,
  patchSchema: updateKpiSchema,
};

export async function addKpiAction(input: ItemWrite & { kpi: unknown }) {
  return addItem(kpis, input, input.kpi);
}

export async function updateKpiAction(input: ItemWrite & { kpiId: string; patch: unknown }) {
  return updateItem(kpis, input, input.kpiId, input.patch);
}

export async function duplicateKpiAction(input: ItemWrite & { kpiId: string }) {
  return duplicateItem(kpis, input, input.kpiId);
}

export async function reorderKpisAction(input: ItemWrite & { ids: unknown }) {
  return reorderItems(kpis, input, input.ids);
}

export async function deleteKpiAction(input: ItemWrite & { kpiId: string }) {
  return deleteItem(kpis, input, input.kpiId);
}
