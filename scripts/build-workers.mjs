// Bundles the long-work worker threads' entry (lib/workers/tasks.ts and everything it imports:
// the engine, the report, react-pdf) into ONE self-contained ES module at build time, so the
// production server (npm start, the Docker image's standalone output) starts its workers without
// TypeScript sources, node_modules or tsx (docs/runtime.md). Runs after `next build` (npm run
// build); `next build` empties .next, so a stale bundle never outlives the build it belongs to.
//
//   node scripts/build-workers.mjs    writes .next/workers/worker.mjs (and, when the build is a
//                                     standalone one, .next/standalone/.next/workers/worker.mjs)
// Plain JavaScript: it runs before anything else is built, with node only.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
export const WORKER_BUNDLE = ".next/workers/worker.mjs";

// pdfkit (under react-pdf) loads its standard fonts with a require() made from its own file's URL
// (`#standard-fonts/*` of its package.json "imports"), which a bundle cannot resolve at run time:
// the fonts become static imports of the bundle instead.
const pdfkitStandardFonts = {
  name: "pdfkit-standard-fonts",
  setup(b) {
    b.onLoad({ filter: /[\\/]pdfkit[\\/]js[\\/]pdfkit\.node\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      const fonts = new Set();
      const contents = source.replace(/require\$1\((['"])#standard-fonts\/(\w+)\1\)/g, (_m, _q, name) => {
        fonts.add(name);
        return `__standardFont_${name}`;
      });
      if (!fonts.size)
        throw new Error("pdfkit's standard font loaders were not found: check scripts/build-workers.mjs");
      const imports = [...fonts].map((name) => `import __standardFont_${name} from "#standard-fonts/${name}";`);
      return { contents: `${imports.join("\n")}\n${contents}`, loader: "js", resolveDir: path.dirname(args.path) };
    });
  },
};

export async function buildWorkers({ quiet = false } = {}) {
  const started = Date.now();
  const outfile = path.join(root, WORKER_BUNDLE);
  mkdirSync(path.dirname(outfile), { recursive: true });
  await build({
    entryPoints: [path.join(root, "lib/workers/tasks.ts")],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    tsconfig: path.join(root, "tsconfig.json"),
    // pg's optional native binding is never used (and not installed).
    external: ["pg-native"],
    // CommonJS packages inside the ES module bundle still call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __caseboardCreateRequire } from 'node:module'; const require = __caseboardCreateRequire(import.meta.url);",
    },
    define: { "process.env.NODE_ENV": '"production"' },
    plugins: [pdfkitStandardFonts],
    logLevel: "warning",
    legalComments: "none",
  });
  // HiGHS (the portfolio's solver) loads its WebAssembly from beside the script that loads it: in
  // the bundle, beside worker.mjs.
  const highsWasm = path.join(root, "node_modules/highs/build/highs.wasm");
  const wasmCopy = path.join(path.dirname(outfile), "highs.wasm");
  copyFileSync(highsWasm, wasmCopy);
  const standalone = path.join(root, ".next/standalone");
  if (existsSync(standalone)) {
    const copy = path.join(standalone, WORKER_BUNDLE);
    mkdirSync(path.dirname(copy), { recursive: true });
    copyFileSync(outfile, copy);
    copyFileSync(wasmCopy, path.join(path.dirname(copy), "highs.wasm"));
  }
  if (!quiet) console.log(`worker bundle: ${WORKER_BUNDLE} (${Date.now() - started} ms)`);
  return outfile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await buildWorkers();
}
