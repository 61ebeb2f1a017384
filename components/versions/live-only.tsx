"use client";
import { useSelectedLayoutSegments } from "next/navigation";

// The case frame's live figures hide on a snapshot's read-only pages (versions/<id>), which show
// that version's own figures: two sets of numbers on one screen would invite the wrong one.
export function LiveOnly({ children }: { children: React.ReactNode }) {
  const segments = useSelectedLayoutSegments();
  if (segments[0] === "versions" && segments.length > 1) return null;
  return <>{children}</>;
}
