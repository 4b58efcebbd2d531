# syntax=docker/dockerfile:1
# Propo production image. Three stages: `deps` installs production node_modules (with a compiler toolchain
# in case a native module has no prebuilt binary); `build` compiles src/ to JavaScript with scripts/build.mjs
# (esbuild is a runtime dependency, so `npm ci --omit=dev` has it); `runtime` copies node_modules and the compiled
# dist/ only (no TypeScript sources, so nothing is transformed or rebuilt at run time; decision 0077).
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev && npm cache clean --force

FROM deps AS build
COPY scripts/build.mjs ./scripts/build.mjs
COPY src ./src
# One build, moved to a plain dist/current directory (its bin link, ../../bin, then points at /app/bin).
RUN node scripts/build.mjs \
 && mkdir -p /out \
 && mv "dist/$(readlink dist/current)" /out/current

FROM ${NODE_IMAGE} AS runtime
# HOST=0.0.0.0 inside the container: the published port (docker-compose.yml, PUBLISH_ADDR) decides who can reach
# it, so the server's refusal of a non-loopback bind without login is lifted here (ALLOW_INSECURE_BIND).
# Backups get their own volume: `bin/propo restore` replaces the data volume's content, not the archives.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    ALLOW_INSECURE_BIND=true \
    PORT=7860 \
    METRICS_PORT=8000 \
    PROPO_DATA_DIR=/app/data \
    PROPO_LOG_DIR=/app/logs \
    BACKUP_DIR=/app/backups
RUN groupadd --system --gid 10001 propo \
 && useradd --system --uid 10001 --gid propo --home-dir /app --no-create-home --shell /usr/sbin/nologin propo
WORKDIR /app
# Code and dependencies stay owned by root: the app can write only to /app/data, /app/logs, /app/backups and /tmp.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json .npmrc ./
COPY bin ./bin
COPY --from=build /out/ ./dist/
RUN mkdir -p /app/data /app/logs /app/backups && chown propo:propo /app/data /app/logs /app/backups
VOLUME ["/app/data", "/app/logs", "/app/backups"]
USER propo:propo
# 7860: web UI and API; 8000: /health and /metrics for Prometheus.
EXPOSE 7860 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:7860/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The compiled CLI, straight: no bash, no build check (bin/propo, for `docker compose exec`, does the same: the image has no src/).
CMD ["node", "--enable-source-maps", "dist/current/src/app/cli/main.js", "serve"]
