// The role an API operation declares is a floor on every access filter (lib/db/access.ts): a
// role check asking for less asks for the declared role instead, one asking for more keeps its
// own, and a viewer query (may they see it at all: 403 or 404) keeps its meaning.
import { describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
import { reachesWorkspace, workspaceWhere, type Actor } from "@/lib/db/access";

const token = (role: "viewer" | "editor" | "owner", floor?: "viewer" | "editor" | "owner"): Actor => ({
  kind: "token",
  tokenId: "t",
  workspaceId: "w",
  role,
  ...(floor ? { floor } : {}),
});
const NOTHING = { id: { in: [] } };

describe("the declared role as a floor", () => {
  it("raises a role check above seeing to the declared role, never lowers one", () => {
    expect(workspaceWhere(token("editor", "owner"), "editor")).toEqual(NOTHING);
    expect(workspaceWhere(token("owner", "owner"), "editor")).toEqual({ id: "w" });
    expect(workspaceWhere(token("editor", "viewer"), "owner")).toEqual(NOTHING);
    expect(workspaceWhere(token("editor", "editor"), "editor")).toEqual({ id: "w" });
    const user: Actor = { kind: "user", userId: "u", floor: "owner" };
    expect(workspaceWhere(user, "editor")).toEqual({
      memberships: { some: { userId: "u", role: { in: ["owner"] } } },
    });
    expect(reachesWorkspace(user, "w", "editor", "editor")).toBe(false);
    expect(reachesWorkspace(user, "w", "editor", "owner")).toBe(true);
  });

  it('keeps "may they see it" a question of seeing (403 for a member short of the role, else 404)', () => {
    expect(workspaceWhere(token("viewer", "owner"), "viewer")).toEqual({ id: "w" });
    expect(reachesWorkspace({ kind: "user", userId: "u", floor: "owner" }, "w", "viewer", "viewer")).toBe(true);
  });
});
