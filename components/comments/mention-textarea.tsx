"use client";
// A comment box whose "@" offers the workspace's members: typing "@" and letters lists the
// matching names; choosing one writes "@Full Name " (which the server resolves to that member).
import { useId, useRef, useState } from "react";

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  members: { id: string; name: string }[];
  placeholder?: string;
  mentionsLabel: string;
  testid: string;
  onSubmit?: () => void;
}

// The "@query" right before the caret, if any.
function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)@([^\s@]{0,40}(?: [^\s@]{0,40})?)$/u.exec(before);
  if (!m) return null;
  return { start: caret - m[2]!.length - 1, query: m[2]! };
}

export function MentionTextarea({
  label,
  value,
  onChange,
  members,
  placeholder,
  mentionsLabel,
  testid,
  onSubmit,
}: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const matches = query
    ? members.filter((m) => m.name.toLocaleLowerCase().includes(query.query.toLocaleLowerCase())).slice(0, 8)
    : [];

  const update = (text: string, caret: number) => {
    onChange(text);
    setQuery(mentionQuery(text, caret));
    setActive(0);
  };

  const choose = (name: string) => {
    if (!query) return;
    const caret = ref.current?.selectionStart ?? value.length;
    const next = `${value.slice(0, query.start)}@${name} ${value.slice(caret)}`;
    onChange(next);
    setQuery(null);
    const pos = query.start + name.length + 2;
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(pos, pos);
    });
  };

  return (
    <div className="relative">
      <textarea
        ref={ref}
        aria-label={label}
        dir="auto"
        value={value}
        placeholder={placeholder}
        rows={3}
        maxLength={10_000}
        data-testid={testid}
        role="combobox"
        aria-expanded={matches.length > 0}
        aria-controls={matches.length ? listId : undefined}
        aria-autocomplete="list"
        onChange={(e) => update(e.target.value, e.target.selectionStart)}
        onKeyDown={(e) => {
          if (matches.length) {
            if (e.key === "ArrowDown") {
              e.preventDefault();
              setActive((a) => (a + 1) % matches.length);
              return;
            }
            if (e.key === "ArrowUp") {
              e.preventDefault();
              setActive((a) => (a - 1 + matches.length) % matches.length);
              return;
            }
            if (e.key === "Enter" || e.key === "Tab") {
              e.preventDefault();
              choose(matches[active]!.name);
              return;
            }
            if (e.key === "Escape") {
              setQuery(null);
              return;
            }
          }
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey) && onSubmit) {
            e.preventDefault();
            onSubmit();
          }
        }}
        className="block w-full rounded-md border border-gray-300 px-2 py-1.5 text-sm"
      />
      {matches.length ? (
        <ul
          id={listId}
          role="listbox"
          aria-label={mentionsLabel}
          className="absolute z-20 mt-1 max-h-48 w-64 overflow-auto rounded-md border border-gray-200 bg-white py-1 shadow-lg"
          data-testid="mention-options"
        >
          {matches.map((m, i) => (
            <li
              key={m.id}
              role="option"
              aria-selected={i === active}
              className={`cursor-pointer px-3 py-1.5 text-sm ${i === active ? "bg-blue-50" : ""}`}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(m.name);
              }}
            >
              {m.name}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
