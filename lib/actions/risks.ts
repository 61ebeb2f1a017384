"use server";
import { addRisk, deleteRisk, duplicateRisk, reorderRisks, updateRisk } from "@/lib/db/risks";
import { riskSchema, updateRiskSchema, type RiskInput, type UpdateRiskInput } from "@/lib/validation/case";
import {
  addItem,
  deleteItem,
  duplicateItem,
  reorderItems,
  updateItem,
  type ItemWrite,
  type OrderedItemStore,
} from "./ordered-items";

// The risk register's writes (the shared bodies are in ./ordered-items).
const risks: OrderedItemStore<RiskInput, UpdateRiskInput> = {
  add: addRisk,
  update: updateRisk,
  duplicate: duplicateRisk,
  reorder: reorderRisks,
  remove: deleteRisk,
  schema: riskSchema,
  patchSchema: updateRiskSchema,
};

export async function addRiskAction(input: ItemWrite & { risk: unknown }) {
  return addItem(risks, input, input.risk);
}

export async function updateRiskAction(input: ItemWrite & { riskId: string; patch: unknown }) {
  return updateItem(risks, input, input.riskId, input.patch);
}

export async function duplicateRiskAction(input: ItemWrite & { riskId: string }) {
  return duplicateItem(risks, input, input.riskId);
}

export async function reorderRisksAction(input: ItemWrite & { ids: unknown }) {
  return reorderItems(risks, input, input.ids);
}

export async function deleteRiskAction(input: ItemWrite & { riskId: string }) {
  return deleteItem(risks, input, input.riskId);
}
