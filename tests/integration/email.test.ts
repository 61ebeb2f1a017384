// E-mail notifications (docs/architecture.md#comments-and-notifications) against a real SMTP server (the smtp-server package on a local
// port, not a mock): a mention is e-mailed after the comment commits, once; a mail server that
// is down costs nothing but a log line.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
vi.mock("@/lib/api/session", () => ({ readSessionUserId: async (r: Request) => r.headers.get("x-test-session") }));
import { prisma } from "@/lib/db/client";
import { sendNotificationEmails } from "@/lib/db/notifications";
import { call } from "./api-client";
import { buildWorld, type World } from "./cases-world";

interface Received {
  from: string;
  to: string[];
  raw: string;
}
const inbox: Received[] = [];
let server: SMTPServer;
let port = 0;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => (raw += chunk));
      stream.on("end", () => {
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  port = (server.server.address() as AddressInfo).port;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await new Promise<void>((r) => server.close(() => r()));
});

let w: World;
beforeEach(async () => {
  w = await buildWorld();
  inbox.length = 0;
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.SMTP_FROM = "Caseboard <noreply@caseboard.test>";
});

async function waitForMail(count: number, ms = 5_000) {
  const until = Date.now() + ms;
  while (inbox.length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return inbox;
}

describe("e-mail notifications", () => {
  it("a mention reaches the member's inbox after the commit, with the case and a link", async () => {
    const r = await call(
      "createComment",
      { caseId: w.caseId },
      { as: "viewer", body: { body: "@Edvin Editor please check the licence line" } },
      w,
    );
    expect(r.status).toBe(201);
    const mails = await waitForMail(1);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(["editor@alpha.test"]);
    expect(mails[0]!.from).toBe("noreply@caseboard.test");
    expect(mails[0]!.raw).toMatch(/Subject: Vera Viewer mentioned you on/);
    const text = mails[0]!.raw.replace(/=\r?\n/g, ""); // quoted-printable soft line breaks
    expect(text).toContain("please check the licence line");
    expect(text).toContain(`/cases/${w.caseId}/comments`);
    // Sent once: a second delivery attempt (another instance, a retry) finds it claimed.
    const ids = (await prisma.notification.findMany({ select: { id: true } })).map((n) => n.id);
    expect(await sendNotificationEmails(ids)).toBe(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(inbox).toHaveLength(1);
  });

  it("a mail server that is down does not fail the comment; the failure is logged", async () => {
    const closed = new SMTPServer({ logger: false });
    closed.listen(0, "127.0.0.1");
    await once(closed.server, "listening");
    const deadPort = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    process.env.SMTP_URL = `smtp://127.0.0.1:${deadPort}`;
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const r = await call(
      "createComment",
      { caseId: w.caseId },
      { as: "viewer", body: { body: "@Olivia Owner fyi" } },
      w,
    );
    expect(r.status).toBe(201);
    const until = Date.now() + 5_000;
    while (!errors.mock.calls.some((c) => String(c[0]).includes("mail-failed")) && Date.now() < until)
      await new Promise((res) => setTimeout(res, 50));
    expect(errors.mock.calls.some((c) => String(c[0]).includes("mail-failed"))).toBe(true);
    errors.mockRestore();
    expect(await prisma.notification.count({ where: { userId: w.users.owner } })).toBe(1);
  });
});
