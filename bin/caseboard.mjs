#!/usr/bin/env node
// The `caseboard` command. The implementation is TypeScript (scripts/caseboard.ts), loaded
// through tsx so the command runs from a checkout without a separate build step.
import { register } from "tsx/esm/api";

register();
await import("../scripts/caseboard.ts");
