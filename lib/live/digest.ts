// A short digest of the engine's output as JSON text (docs/architecture.md#the-browsers-live-model): the server answers a line edit
// with the digest of its figures instead of the figures themselves (49 KB for the demo case,
// 850 KB for 1,000 lines per scenario), and the browser, which computed the same case with the
// same engine, compares it with the digest of its own figures: equal, its figures are the
// server's; different, it reads the server's (components/live/case-model.tsx confirmFigures).
// Pure and synchronous on both sides (crypto.subtle needs a secure context, a self-hosted
// http:// origin is not one): two 32-bit FNV-1a hashes with different offsets over the UTF-16
// code units, 16 hex digits. It guards against accidental difference, not an adversary: the
// server is the one that answers either way.
export function figuresDigest(json: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}
