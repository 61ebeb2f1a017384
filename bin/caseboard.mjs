#!/usr/bin/env node
// The `caseboard` command. The implementation is TypeScript (scripts/caseboard.ts), loaded
// through tsx so the command runs from a checkout without a separate build step. The project's
// tsconfig is named explicitly: its path aliases (`@/lib/...`) must resolve from any working
// directory, not only from the checkout.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
await import("../scripts/caseboard.ts");
