"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { OrderedRows } from "./use-ordered-rows";
import { RowActions } from "./row-actions";
import { WriteFailureNotice } from "./write-failure";

// Above an editor's table: the screen-reader status of the last write, the undo of a delete
// (editors only) and a refused row write (move, duplicate, delete, undo).
function RowNotices<T extends { id: string }, D>({
  rows,
  caseId,
  canEdit,
}: {
  rows: OrderedRows<T, D>;
  caseId: string;
  canEdit: boolean;
}) {
  const t = useTranslations("risks");
  return (
    <>
      <p role="status" className="sr-only">
        {rows.status}
      </p>
      {rows.undoName !== null && canEdit ? (
        <div className="mb-3 flex flex-wrap items-center gap-3 rounded-md bg-gray-100 px-3 py-2 text-sm text-gray-800">
          <span className="break-words">{t("actions.deleted", { name: rows.undoName })}</span>
          <button
            type="button"
            onClick={rows.restore}
            disabled={rows.pending}
            className="font-medium text-blue-800 underline"
          >
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
function ActionsHeader({ canEdit }: { canEdit: boolean }) {
  const t = useTranslations("risks");
  return canEdit ? (
    <th scope="col" className="py-2 text-right font-medium">
      <span className="sr-only">{t("fields.actions")}</span>
    </th>
  ) : null;
}

export function ActionsCell<T extends { id: string }, D>({
  rows,
  item,
  index,
  canEdit,
}: {
  rows: OrderedRows<T, D>;
  item: T;
  index: number;
  canEdit: boolean;
}) {
  return canEdit ? (
    <td className="py-1.5">
      <RowActions {...rows.rowActions(item, index)} />
    </td>
  ) : null;
}

// Below the table: the add form under its heading for editors, a read-only note for viewers.
function AddSection({ canEdit, heading, children }: { canEdit: boolean; heading: string; children: ReactNode }) {
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

// An editor of ordered rows (the risk register, the KPI table): the heading with the row count,
// an optional intro, the notices, the table (or the empty state) and the add section. messages
// names the message group ("register", "kpis") whose heading, count, empty, emptyHint,
// emptyReadOnly and addHeading it shows.
export function RowsSection<T extends { id: string }, D>(props: {
  rows: OrderedRows<T, D>;
  caseId: string;
  canEdit: boolean;
  messages: "register" | "kpis";
  ids: { heading: string; count: string; empty: string };
  intro?: string;
  columns: ReactNode; // the header cells before the actions column
  addForm: ReactNode;
  children: ReactNode; // the body rows
}) {
  const t = useTranslations("risks");
  const m = props.messages;
  return (
    <section className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm" aria-labelledby={props.ids.heading}>
      <div className={`${props.intro ? "mb-1" : "mb-3"} flex flex-wrap items-baseline justify-between gap-2`}>
        <h2 id={props.ids.heading} className="text-sm font-semibold">
          {t(`${m}.heading`)}
        </h2>
        <span className="text-xs text-gray-600" data-testid={props.ids.count}>
          {t(`${m}.count`, { count: props.rows.items.length })}
        </span>
      </div>
      {props.intro ? <p className="mb-3 max-w-3xl text-xs text-gray-600">{props.intro}</p> : null}
      <RowNotices rows={props.rows} caseId={props.caseId} canEdit={props.canEdit} />

      {props.rows.items.length === 0 ? (
        <div
          className="rounded-md border border-dashed border-gray-300 px-4 py-6 text-center"
          data-testid={props.ids.empty}
        >
          <p className="text-sm font-medium text-gray-900">{t(`${m}.empty`)}</p>
          <p className="mx-auto mt-1 max-w-xl text-sm text-gray-600">
            {props.canEdit ? t(`${m}.emptyHint`) : t(`${m}.emptyReadOnly`)}
          </p>
        </div>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b border-gray-200 text-left text-xs text-gray-600">
                <th scope="col" className="w-8 py-2 pr-2 font-medium">
                  {t("fields.number")}
                </th>
                {props.columns}
                <ActionsHeader canEdit={props.canEdit} />
              </tr>
            </thead>
            <tbody>{props.children}</tbody>
          </table>
        </div>
      )}

      <AddSection canEdit={props.canEdit} heading={t(`${m}.addHeading`)}>
        {props.addForm}
      </AddSection>
    </section>
  );
}
