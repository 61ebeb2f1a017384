// Reads a Server-Sent Events response the way a browser's EventSource does (id, event, data,
// comment lines), for tests that hold a live stream open and wait for what arrives.
export interface SseEvent {
  id: string | null;
  event: string;
  data: unknown;
  receivedAt: number;
}

export interface SseReader {
  events: SseEvent[];
  comments: string[];
  retries: number[]; // every `retry:` the server sent, in order
  ended: Promise<void>;
  isEnded: () => boolean;
  waitFor: (match: (e: SseEvent) => boolean, timeoutMs?: number) => Promise<SseEvent>;
  close: () => Promise<void>;
}

export function readSse(response: Response, abort?: AbortController): SseReader {
  if (!response.body) throw new Error("no body");
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const waiters = new Set<() => void>();
  let done = false;
  let buffer = "";
  let lastId: string | null = null;
  const ended = (async () => {
    try {
      for (;;) {
        const { done: finished, value } = await reader.read();
        if (finished) break;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let event = "message";
          const data: string[] = [];
          let sawData = false;
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) comments.push(line.slice(1).trim());
            else if (line.startsWith("id: ")) lastId = line.slice(4);
            else if (line.startsWith("retry: ")) retries.push(Number(line.slice(7)));
            else if (line.startsWith("event: ")) event = line.slice(7);
            else if (line.startsWith("data: ")) {
              data.push(line.slice(6));
              sawData = true;
            }
          }
          if (sawData) {
            let parsed: unknown = data.join("\n");
            try {
              parsed = JSON.parse(parsed as string);
            } catch {
              // plain text data
            }
            events.push({ id: lastId, event, data: parsed, receivedAt: Date.now() });
          }
          for (const w of waiters) w();
        }
      }
    } catch {
      // aborted
    } finally {
      done = true;
      for (const w of waiters) w();
    }
  })();
  const waitFor = (match: (e: SseEvent) => boolean, timeoutMs = 5_000) =>
    new Promise<SseEvent>((resolve, reject) => {
      const check = () => {
        const hit = events.find(match);
        if (hit) {
          cleanup();
          resolve(hit);
        } else if (done) {
          cleanup();
          reject(new Error(`stream ended without the event; got ${JSON.stringify(events.map((e) => e.event))}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `no matching event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => [e.event, e.data]))}`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  return {
    events,
    comments,
    retries,
    ended,
    isEnded: () => done,
    waitFor,
    close: async () => {
      abort?.abort();
      await reader.cancel().catch(() => {});
      await ended;
    },
  };
}
