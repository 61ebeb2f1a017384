"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { Result } from "@/lib/errors";
import { refocusMove } from "./row-actions";
import { useCaseWrite, type WriteFailure } from "./use-case-write";

// The server actions of one kind of row, bound to the page's case: each takes the case version
// the write is based on.
export interface OrderedRowWrites {
  add: (version: number, body: unknown) => Promise<Result<{ version: number; id: string }>>;
  update: (version: number, id: string, patch: unknown) => Promise<Result<{ version: number }>>;
  duplicate: (version: number, id: string) => Promise<Result<{ version: number }>>;
  reorder: (version: number, ids: string[]) => Promise<Result<{ version: number }>>;
  remove: (version: number, id: string) => Promise<Result<{ version: number }>>;
}

// The state and writes of an editor of ordered rows (the risk register, the KPI table): add, edit
// in place, duplicate, move up/down and delete with undo. Moves show at once (the server's order
// replaces the local one when the page data arrives) and keep the focus on the moved row's button;
// undo adds the row back and puts it where it was. The messages are the "risks" namespace's.
export function useOrderedRows<T extends { id: string }, D>(opts: {
  caseId: string;
  version: number;
  items: T[];
  name: (item: T) => string;
  draftName: (draft: D) => string;
  toInput: (draft: D) => unknown; // a draft as an add body
  toPatch: (draft: D) => unknown; // a draft as a merge patch
  fromItem: (item: T) => unknown; // a stored row as an add body (undo of a delete)
  writes: OrderedRowWrites;
  addLabel: string;
}) {
  const t = useTranslations("risks");
  const { run, pending } = useCaseWrite(opts.version);
  const { items: stored, name, writes } = opts;
  const [editing, setEditing] = useState<string | null>(null);
  const [addFailure, setAddFailure] = useState<WriteFailure>();
  const [editFailure, setEditFailure] = useState<WriteFailure>();
  const [rowFailure, setRowFailure] = useState<WriteFailure>();
  const [status, setStatus] = useState("");
  const [undo, setUndo] = useState<{ item: T; index: number } | null>(null);
  const [addKey, setAddKey] = useState(0);
  const [localOrder, setLocalOrder] = useState<{ ids: string[]; from: T[] } | null>(null);
  const items =
    localOrder && localOrder.from === stored
      ? localOrder.ids.map((id) => stored.find((r) => r.id === id)!).filter(Boolean)
      : stored;
  const focusMove = useRef<{ id: string; dir: -1 | 1 } | null>(null);
  const settled = !localOrder || localOrder.from !== stored;
  useEffect(() => {
    const f = focusMove.current;
    if (!f) return;
    refocusMove(f.id, f.dir);
    if (settled) focusMove.current = null;
  }, [localOrder, settled, stored]);

  const rowDone = (message: string) => (o: { ok: boolean; failure?: WriteFailure }) => {
    if (o.ok) {
      setRowFailure(undefined);
      setStatus(message);
    } else {
      setRowFailure(o.failure);
      setStatus("");
    }
  };

  const move = (index: number, dir: -1 | 1) => {
    const ids = items.map((r) => r.id);
    const target = index + dir;
    if (target < 0 || target >= ids.length) return;
    [ids[index], ids[target]] = [ids[target]!, ids[index]!];
    const item = items[index]!;
    setLocalOrder({ ids, from: stored });
    focusMove.current = { id: item.id, dir };
    run(
      (version) => writes.reorder(version, ids),
      rowDone(t("actions.moved", { name: name(item), position: target + 1 })),
    );
  };

  const remove = (item: T, index: number) => {
    run(
      (version) => writes.remove(version, item.id),
      (o) => {
        rowDone(t("actions.deleted", { name: name(item) }))(o);
        if (o.ok) setUndo({ item, index });
      },
    );
  };

  const restore = () => {
    if (!undo) return;
    const { item, index } = undo;
    run(
      async (version) => {
        const added = await writes.add(version, opts.fromItem(item));
        if (!added.ok) return added;
        const ids = stored.map((r) => r.id).filter((id) => id !== added.data.id && id !== item.id);
        ids.splice(Math.min(index, ids.length), 0, added.data.id);
        if (ids.length < 2 || ids[ids.length - 1] === added.data.id) return added;
        return writes.reorder(added.data.version, ids);
      },
      (o) => {
        rowDone(t("actions.added", { name: name(item) }))(o);
        setUndo(null);
      },
    );
  };

  const stopEditing = () => {
    setEditing(null);
    setEditFailure(undefined);
  };

  return {
    items,
    pending,
    status,
    undoName: undo ? name(undo.item) : null,
    restore,
    rowFailure,
    dismissRowFailure: () => setRowFailure(undefined),
    isEditing: (item: T) => editing === item.id,
    // The props of a row's RowActions.
    rowActions: (item: T, index: number) => ({
      id: item.id,
      name: name(item),
      index,
      count: items.length,
      disabled: false,
      onMove: (dir: -1 | 1) => move(index, dir),
      onEdit: () => {
        setEditing(item.id);
        setEditFailure(undefined);
      },
      onDuplicate: () => {
        run((version) => writes.duplicate(version, item.id), rowDone(t("actions.duplicated", { name: name(item) })));
      },
      onDelete: () => remove(item, index),
    }),
    // The props of the form that edits a row in place.
    editForm: (item: T) => ({
      initial: item,
      caseId: opts.caseId,
      failure: editFailure,
      pending,
      submitLabel: t("actions.save"),
      onDismissFailure: () => setEditFailure(undefined),
      onCancel: stopEditing,
      onSubmit: (draft: D) =>
        run(
          (version) => writes.update(version, item.id, opts.toPatch(draft)),
          (o) => {
            if (o.ok) {
              stopEditing();
              setStatus(t("actions.saved"));
            } else setEditFailure(o.failure);
          },
        ),
    }),
    // The add form's key (a new one after each add: a fresh, empty form) and props.
    addKey,
    addForm: {
      caseId: opts.caseId,
      failure: addFailure,
      pending,
      submitLabel: opts.addLabel,
      onDismissFailure: () => setAddFailure(undefined),
      onSubmit: (draft: D) =>
        run(
          (version) => writes.add(version, opts.toInput(draft)),
          (o) => {
            if (o.ok) {
              setAddFailure(undefined);
              setAddKey((k) => k + 1);
              setStatus(t("actions.added", { name: opts.draftName(draft) }));
            } else setAddFailure(o.failure);
          },
        ),
    },
  };
}

export type OrderedRows<T extends { id: string }, D> = ReturnType<typeof useOrderedRows<T, D>>;
