// The outcome of a save beside its button: announced politely when it worked, as an alert when it
// did not. Shared by the settings and tracking forms that save on a button.
export function SaveStatus({
  message,
  className = "",
  testId,
}: {
  message: { ok: boolean; text: string } | null;
  className?: string;
  testId?: string;
}) {
  if (!message) return null;
  return (
    <p
      role={message.ok ? "status" : "alert"}
      className={`text-sm ${message.ok ? "text-teal-800" : "text-red-800"} ${className}`}
      data-testid={testId}
    >
      {message.text}
    </p>
  );
}
