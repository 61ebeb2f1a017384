// An error as one line for the terminal, whatever the driver put in it (an AggregateError from a
// failed connect has no message of its own; PostgreSQL messages can span lines).
export function oneLine(error: unknown): string {
  const e = error as { message?: string; code?: string; errors?: { message?: string }[] } | undefined;
  const text =
    e?.message ||
    e?.errors
      ?.map((x) => x.message)
      .filter(Boolean)
      .join("; ") ||
    e?.code ||
    String(error);
  return text.replace(/\s+/g, " ").trim();
}
