// Presence across app instances (docs/architecture.md#live-events): two live hubs (as two instances would run them, each
// with its own LISTEN connection) on one PostgreSQL. A person who opens the case on one instance
// appears on the other with the tab they are on, and disappears when they leave.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
vi.mock("server-only", () => ({}));
import { LiveHub, type LiveStream } from "@/lib/live/hub";

const hubs: LiveHub[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((h) => h.stop()));
});

function fakeStream(caseId: string, userId: string, name: string, tab: string) {
  const frames: string[] = [];
  const stream: LiveStream = {
    id: randomUUID(),
    caseId,
    workspaceId: randomUUID(),
    actor: { kind: "user", userId },
    userId,
    name,
    tab,
    lastEventId: "0",
    write: (frame) => {
      frames.push(frame);
      return true;
    },
    end: () => {},
  };
  return { stream, frames };
}

const lastPresence = (frames: string[]) => {
  const frame = [...frames].reverse().find((f) => f.includes("event: presence"));
  return frame
    ? (JSON.parse(/^data: (.*)$/m.exec(frame)![1]!) as { users: { id: string; name: string; tabs: string[] }[] }).users
    : [];
};

async function until(check: () => boolean, ms = 3_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("presence across instances", () => {
  it("a person on instance A is seen on instance B with their tab, and leaves", async () => {
    const a = new LiveHub();
    const b = new LiveHub();
    hubs.push(a, b);
    await Promise.all([a.ready(), b.ready()]);
    const caseId = randomUUID();
    const [alice, bob] = [randomUUID(), randomUUID()];
    const onB = fakeStream(caseId, bob, "Bob", "lines");
    b.add(onB.stream);
    const onA = fakeStream(caseId, alice, "Alice", "risks");
    a.add(onA.stream);
    await until(() => lastPresence(onB.frames).length === 2);
    expect(lastPresence(onB.frames)).toEqual([
      { id: alice, name: "Alice", tabs: ["risks"] },
      { id: bob, name: "Bob", tabs: ["lines"] },
    ]);
    // A's newcomer learns who was already there on B.
    await until(() => lastPresence(onA.frames).length === 2);
    a.remove(onA.stream);
    await until(() => lastPresence(onB.frames).length === 1);
    expect(lastPresence(onB.frames)).toEqual([{ id: bob, name: "Bob", tabs: ["lines"] }]);
  });
});
