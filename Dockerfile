# syntax=docker/dockerfile:1
# 智找活 Match: the production image. Two stages: `build` has the toolchain (nodejieba and better-sqlite3 are
# native addons), compiles TypeScript to dist/ and bundles the browser console (console/, Vite) into dist/console;
# `runtime` gets production dependencies only (dist/ with the console included), runs as the
# unprivileged `node` user under tini (PID 1 forwards SIGTERM to Node, so the graceful shutdown runs).
# No demo keys inside: NODE_ENV=production refuses to start without API_KEYS.

ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY console ./console
COPY seed ./seed
COPY mappings ./mappings
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data && chown node:node /data
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/seed ./seed
COPY --from=build /app/mappings ./mappings
USER node
EXPOSE 3000
# Liveness: /healthz answers from the first second of the boot. Readiness (/readyz) is the load balancer's check.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "-s", "--"]
CMD ["node", "dist/main.js"]
