import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layers of docs/architecture.md#layers, enforced: only lib/db touches Prisma; lib/finance and lib/case-file stay
// pure; client components and pages never reach the database directly.
const prismaOnlyInDb = {
  group: ["**/db/generated/**", "@prisma/*", "**/lib/db/client", "@/lib/db/client"],
  message: "Only lib/db may touch Prisma: go through the data-access layer.",
};

// Pages compose view models from lib/services (docs/architecture.md#layers): no engine calls and no decimal maths
// in app/.
const noMathsInApp = {
  group: ["@/lib/finance/*", "@/lib/finance/**", "**/lib/finance/**", "decimal.js"],
  message:
    "app/ composes only: get the figures from a lib/services view model (e.g. getLinesView), not from lib/finance or decimal.js.",
};
const clientNeverServer = {
  group: ["@/lib/db/**", "@/lib/services/**", "@/lib/auth/**", "**/lib/db/**", "**/lib/services/**", "**/lib/auth/**"],
  message: "Client components receive DTOs; they never import db, services or auth.",
};

const config = [
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/db/generated/**",
      "test-results/**",
      "bench-results/**",
      ".data/**",
      "next-env.d.ts",
    ],
  },
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["components/**", "lib/services/**", "lib/actions/**", "lib/pdf/**", "lib/auth/**", "lib/i18n/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [prismaOnlyInDb] }] },
  },
  {
    files: ["app/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [prismaOnlyInDb, noMathsInApp] }] },
  },
  {
    // The client components that live beside their page (scripts/check-imports.ts finds every
    // "use client" file and checks the same rule, so a new one cannot slip past this list).
    files: ["app/**/*-manager.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: [prismaOnlyInDb, noMathsInApp, clientNeverServer] }] },
  },
  {
    files: ["lib/finance/**", "lib/case-file/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "next",
                "next/*",
                "react",
                "react-dom",
                "@prisma/*",
                "**/db/**",
                "@/lib/db/**",
                "node:*",
                "fs",
                "path",
              ],
              message: "lib/finance and lib/case-file are pure: no Next, React, Prisma or I/O.",
            },
          ],
        },
      ],
    },
  },
  {
    // The board pack is built from the report model alone (docs/board-pack.md): no Next, React,
    // database or services, so the CLI and the worker threads can run it as they are.
    files: ["lib/pptx/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            prismaOnlyInDb,
            {
              group: ["next", "next/*", "react", "react-dom", "@/lib/db/**", "@/lib/services/**", "@/lib/auth/**"],
              message: "lib/pptx is pure: it takes a report model (or a portfolio summary) and returns bytes.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["components/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [prismaOnlyInDb, clientNeverServer] }],
    },
  },
];
export default config;
