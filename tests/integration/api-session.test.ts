// The session cookie path without stand-ins: a real next-auth JWT and server-side session row
// authenticate; sign-out (row deleted) ends it at once; cookie mutations need our Origin.
import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("next/navigation", () => ({
  redirect: () => {
    throw new Error("redirect");
  },
}));
import { handleOperation } from "@/lib/api/handler";
import { OPERATIONS } from "@/lib/api/operations";
import { prisma } from "@/lib/db/client";
import { deleteAuthSession } from "@/lib/db/sessions";
import { snapshotDatabase } from "../helpers/db";
import { buildWorld, type World } from "./cases-world";

let w: World;
let cookie: string;
let sessionId: string;

const op = (id: string) => OPERATIONS.find((o) => o.id === id)!;
const ORIGIN = new URL(process.env.NEXTAUTH_URL ?? "http://localhost:3000").origin;

async function send(
  id: string,
  params: Record<string, string>,
  init: RequestInit & { headers?: Record<string, string> },
) {
  const o = op(id);
  const path = o.path.replace(/\{(\w+)\}/g, (_, k: string) => params[k]!);
  const res = await handleOperation(o)(new Request(`${ORIGIN}/api/v1${path}`, { method: o.method, ...init }), {
    params: Promise.resolve(params),
  });
  return { status: res.status, json: await res.json().catch(() => undefined) };
}

beforeAll(async () => {
  w = await buildWorld();
  const session = await prisma.authSession.create({
    data: { userId: w.users.editor, expiresAt: new Date(Date.now() + 3600_000) },
    select: { id: true },
  });
  sessionId = session.id;
  const jwt = await encode({ token: { uid: w.users.editor, sid: sessionId }, secret: process.env.NEXTAUTH_SECRET! });
  cookie = `next-auth.session-token=${jwt}`;
});

describe("session cookie", () => {
  it("authenticates reads and same-origin writes, refuses cross-site writes", async () => {
    expect((await send("getCase", { caseId: w.caseId }, { headers: { cookie } })).status).toBe(200);
    const snapshot = await snapshotDatabase();
    const evil = await send(
      "renameCase",
      { caseId: w.caseId },
      {
        headers: { cookie, origin: "https://evil.example", "if-match": `"${w.version}"` },
        body: JSON.stringify({ name: "x" }),
      },
    );
    expect(evil.status).toBe(403);
    expect(await snapshotDatabase()).toBe(snapshot);
    const ok = await send(
      "renameCase",
      { caseId: w.caseId },
      {
        headers: { cookie, origin: ORIGIN, "if-match": `"${w.version}"` },
        body: JSON.stringify({ name: "Renamed by cookie" }),
      },
    );
    expect(ok.status).toBe(200);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "case.rename" } });
    expect(audit.actorUserId).toBe(w.users.editor);
  });

  it("a forged or ended session is anonymous", async () => {
    expect(
      (await send("getCase", { caseId: w.caseId }, { headers: { cookie: cookie.slice(0, -5) + "AAAAA" } })).status,
    ).toBe(401);
    await deleteAuthSession(sessionId); // sign-out: the auth cache forgets it too
    expect((await send("getCase", { caseId: w.caseId }, { headers: { cookie } })).status).toBe(401);
  });
});
