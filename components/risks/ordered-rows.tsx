"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { OrderedRows } from "./use-ordered-rows";
import { RowActions } from "./row-actions";
import { WriteFailureNotice } from "./write-failure";

// Above an editor's table: the screen-reader status of the last write, the undo of a delete
// (editors only) and a refused row write (move, duplicate, delete, undo).
export function RowNotices<T extends { id: string }, D>({ rows, caseId, canEdit }: { rows: OrderedRows<T, D>; caseId: string; canEdit: boolean }) {
  const t = useTranslations("risks");
  return (
    <>
      <p role="status" className="sr-only">
        {rows.status}
      </p>
      {rows.undoName !== null && canEdit ? (
        <div className="mb-3 flex flex-wrap items-center gap-3 rounded-md bg-gray-100 px-3 py-2 text-sm text-gray-800">
          <span className="break-words">{t("actions.deleted", { name: rows.undoName })}</span>
          <button type="button" onClick={rows.restore} disabled={rows.pending} className="font-medium text-blue-800 underline">
            {t("actions.undo")}
          </button>
        </div>
      ) : null}
      {rows.rowFailure ? (
        <div className="mb-3">
          <WriteFailureNotice caseId={caseId} failure={rows.rowFailure} onDismiss={rows.dismissRowFailure} />
        </div>
      ) : null}
    </>
  );
}

// A row being edited: its form across the table's columns.
export function EditRow({ id, cols, children }: { id?: string; cols: number; children: ReactNode }) {
  return (
    <tr id={id} className="border-b border-gray-100 bg-blue-50/40">
      <td colSpan={cols} className="px-2 py-3">
        {children}
      </td>
    </tr>
  );
}

// The last column's header (editors only); its cells hold each row's RowActions.
export function ActionsHeader({ canEdit }: { canEdit: boolean }) {
  const t = useTranslations("risks");
  return canEdit ? (
    <th scope="col" className="py-2 text-right font-medium">
      <span className="sr-only">{t("fields.actions")}</span>
    </th>
  ) : null;
}

export function ActionsCell<T extends { id: string }, D>({ rows, item, index, canEdit }: { rows: OrderedRows<T, D>; item: T; index: number; canEdit: boolean }) {
  return canEdit ? (
    <td className="py-1.5">
      <RowActions {...rows.rowActions(item, index)} />
    </td>
  ) : null;
}

// Below the table: the add form under its heading for editors, a read-only note for viewers.
export function AddSection({ canEdit, heading, children }: { canEdit: boolean; heading: string; children: ReactNode }) {
  const t = useTranslations("risks");
  return canEdit ? (
    <div className="mt-5 border-t border-gray-100 pt-4">
      <h3 className="mb-3 text-sm font-semibold">{heading}</h3>
      {children}
    </div>
  ) : (
    <p className="mt-3 text-xs text-gray-600">{t("register.readOnly")}</p>
  );
}
