"use client";
import { useTranslations } from "next-intl";
import { Icon, type IconName } from "./icons";

// Move up / move down / edit / duplicate / delete for one row; every button is named for its row.
// data-move lets the editor put the focus back on the button after the rows were re-ordered.
export function RowActions(props: {
  id: string;
  name: string;
  index: number;
  count: number;
  disabled: boolean;
  onMove: (dir: -1 | 1) => void;
  onEdit: () => void;
  onDuplicate: () => void;
  onDelete: () => void;
}) {
  const t = useTranslations("risks");
  const button = (
    icon: IconName,
    label: string,
    onClick: () => void,
    opts: { disabled?: boolean; danger?: boolean; move?: string } = {},
  ) => (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={props.disabled || opts.disabled}
      data-move={opts.move}
      className={`inline-flex h-8 w-8 items-center justify-center rounded-md focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-700 disabled:cursor-not-allowed disabled:text-gray-300 ${opts.danger ? "text-red-700 hover:bg-red-50" : "text-gray-700 hover:bg-gray-100"}`}
    >
      <Icon name={icon} />
    </button>
  );
  return (
    <div className="flex min-w-[6.5rem] flex-wrap justify-end gap-0.5 lg:min-w-[10.5rem]">
      {button("up", t("actions.moveUp", { name: props.name }), () => props.onMove(-1), {
        disabled: props.index === 0,
        move: `${props.id}:up`,
      })}
      {button("down", t("actions.moveDown", { name: props.name }), () => props.onMove(1), {
        disabled: props.index === props.count - 1,
        move: `${props.id}:down`,
      })}
      {button("edit", t("actions.edit", { name: props.name }), props.onEdit)}
      {button("duplicate", t("actions.duplicate", { name: props.name }), props.onDuplicate)}
      {button("delete", t("actions.delete", { name: props.name }), props.onDelete, { danger: true })}
    </div>
  );
}

// After a move the row's DOM node changes place and may lose focus: give it back to the same
// button, or to its sibling when the row reached an end.
export function refocusMove(id: string, dir: -1 | 1) {
  requestAnimationFrame(() => {
    const want = document.querySelector<HTMLButtonElement>(`[data-move="${id}:${dir === -1 ? "up" : "down"}"]`);
    const other = document.querySelector<HTMLButtonElement>(`[data-move="${id}:${dir === -1 ? "down" : "up"}"]`);
    (want && !want.disabled ? want : other)?.focus();
  });
}
