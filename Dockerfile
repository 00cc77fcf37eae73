# syntax=docker/dockerfile:1
# lede image: one image, every process. The command picks the process (see docker-compose.yml):
#   dist/api/main.js                  HTTP API, dashboard, metrics (the default)
#   dist/workers/main.js <kind>       scheduler | poll | fetch | enrich | store
#   dist/cli/main.js migrate          run database migrations, then exit

# ---- build: compile TypeScript, then drop dev dependencies ----
FROM node:22-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts/copy-assets.mjs ./scripts/copy-assets.mjs
# tsc, then scripts/copy-assets.mjs copies the data files read from disk at run time
# (e.g. src/enrich/keyword-df.json) next to the compiled modules.
RUN npm run build
RUN npm prune --omit=dev

# ---- runtime: compiled code, production dependencies, config and the NER model ----
FROM node:22-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# package.json carries "type": "module", which the compiled ESM needs.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY config ./config
COPY models ./models
# The embedded SQLite default (sqlite:data/lede.db) writes here when no DATABASE_URL is given.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# Probes the API, the default command. Worker containers serve /healthz and /metrics on
# LEDE_METRICS_PORT instead: compose gives them their own check on that port.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.LEDE_API_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node"]
CMD ["dist/api/main.js"]
