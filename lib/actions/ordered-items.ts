// The bodies of the server actions of a case's ordered items (risks, KPIs): add, update,
// duplicate, reorder and delete. Not a "use server" module: lib/actions/risks.ts and kpis.ts keep
// their exported async actions and call these with their data-layer functions and schemas.
// Each write names the case version the page was rendered with; a stale one comes back as code
// "conflict" with the current version, and the form keeps what was typed.
import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import type { Actor } from "@/lib/db/access";
import type { WriteResult } from "@/lib/db/case-mappers";
import { reorderSchema } from "@/lib/validation/case";
import { runAction } from "./result";

const version = z.int().min(1);
const id = z.uuid();
const slug = z.string().min(1).max(100);

// What every action names: the page's case and the version it was rendered with.
export interface ItemWrite {
  slug: string;
  caseId: string;
  version: number;
}

// One kind of item's data-layer writes and the schemas of its add body and merge patch.
export interface OrderedItemStore<Input, Patch> {
  add: (actor: Actor, caseId: string, expectedVersion: number, input: Input) => Promise<WriteResult<{ id: string }>>;
  update: (actor: Actor, itemId: string, expectedVersion: number, patch: Patch) => Promise<WriteResult<unknown>>;
  duplicate: (actor: Actor, itemId: string, expectedVersion: number) => Promise<WriteResult<{ id: string }>>;
  reorder: (actor: Actor, caseId: string, expectedVersion: number, ids: string[]) => Promise<WriteResult<unknown>>;
  remove: (actor: Actor, itemId: string, expectedVersion: number) => Promise<WriteResult<unknown>>;
  schema: z.ZodType<Input>;
  patchSchema: z.ZodType<Patch>;
}

function revalidateCase(input: { slug: string; caseId: string }) {
  revalidatePath(`/w/${encodeURIComponent(slug.parse(input.slug))}/cases/${id.parse(input.caseId)}`, "layout");
}

export function addItem<I, P>(store: OrderedItemStore<I, P>, input: ItemWrite, item: unknown) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const result = await store.add(
      actor,
      id.parse(input.caseId),
      version.parse(input.version),
      store.schema.parse(item),
    );
    revalidateCase(input);
    return { version: result.version, id: result.data.id };
  });
}

export function updateItem<I, P>(store: OrderedItemStore<I, P>, input: ItemWrite, itemId: string, patch: unknown) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const result = await store.update(
      actor,
      id.parse(itemId),
      version.parse(input.version),
      store.patchSchema.parse(patch),
    );
    revalidateCase(input);
    return { version: result.version };
  });
}

export function duplicateItem<I, P>(store: OrderedItemStore<I, P>, input: ItemWrite, itemId: string) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const result = await store.duplicate(actor, id.parse(itemId), version.parse(input.version));
    revalidateCase(input);
    return { version: result.version, id: result.data.id };
  });
}

export function reorderItems<I, P>(store: OrderedItemStore<I, P>, input: ItemWrite, ids: unknown) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const parsed = reorderSchema.parse({ ids });
    const result = await store.reorder(actor, id.parse(input.caseId), version.parse(input.version), parsed.ids);
    revalidateCase(input);
    return { version: result.version };
  });
}

export function deleteItem<I, P>(store: OrderedItemStore<I, P>, input: ItemWrite, itemId: string) {
  return runAction(async () => {
    const { actor } = await requireActor();
    const result = await store.remove(actor, id.parse(itemId), version.parse(input.version));
    revalidateCase(input);
    return { version: result.version };
  });
}
