# syntax=docker/dockerfile:1
# Multi-stage image: dependencies, build (Next.js standalone output, the worker threads' entry and
# the migrate step each bundled into one file), and a slim runtime that applies the migrations on
# start and then serves.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
# postinstall generates the Prisma client from the schema (with the stub engine in scripts/).
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts ./scripts
RUN npm install --no-audit --no-fund

FROM deps AS build
COPY . .
ENV NEXT_OUTPUT=standalone
# The worker threads' entry (reports, big simulations) bundled into one ES module, written into the
# standalone output too (.next/workers/worker.mjs): the image compiles no TypeScript at run time.
RUN node node_modules/next/dist/bin/next build && node scripts/build-workers.mjs
# `npm run db:migrate` as one self-contained ES module (pg included): the runtime needs neither tsx
# nor the rest of node_modules. It finds the SQL at ../../prisma/migrations from its own folder.
RUN node_modules/.bin/esbuild scripts/migrate.ts --bundle --platform=node --target=node20 --format=esm \
      --external:pg-native --log-level=warning \
      --banner:js="import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" \
      --outfile=dist/scripts/lib/migrate.mjs

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PORT=3000 HOSTNAME=0.0.0.0
RUN groupadd --system caseboard && useradd --system --gid caseboard --home /app caseboard
# Next writes its cache under .next at run time: the app's own user owns the folder.
# The standalone output carries the worker bundle (.next/workers/worker.mjs, see above) and the
# report's fonts (next.config.js outputFileTracingIncludes).
COPY --from=build --chown=caseboard:caseboard /app/.next/standalone ./
COPY --from=build --chown=caseboard:caseboard /app/.next/static ./.next/static
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY --from=build /app/dist/scripts/lib/migrate.mjs ./scripts/lib/migrate.mjs
# The server: Next's standalone build behind scripts/serve.mjs (socket address, 405, SIGTERM drain).
COPY --from=build /app/scripts/serve.mjs ./scripts/serve.mjs
USER caseboard
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/signin').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# Migrations first (several replicas starting together wait on PostgreSQL's advisory lock), then
# the server as PID 1's direct replacement so it receives SIGTERM and drains.
CMD ["sh", "-c", "node scripts/lib/migrate.mjs && exec node scripts/serve.mjs"]
