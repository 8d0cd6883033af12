# The Node home (server/) in a container: the app, its migrations and the built admin, served by
# Node 20 over a SQLite file on a volume. No demo data: create the first admin as
# docs/deploy-china.md says.
#
#   docker build -t jushou .
#   docker run -d --name jushou --restart unless-stopped \
#     -p 127.0.0.1:8787:8787 -v jushou-data:/data -e TRUSTED_PROXIES=172.17.0.1 jushou
#   docker exec jushou node dist-node/server.mjs backup --dir /data/backups
#
# Settings (environment): PORT, HOST, JUSHOU_DATABASE, TRUSTED_PROXIES, and any [vars] name of
# wrangler.toml (SESSION_IDLE_MINUTES, …). See docs/deploy-china.md.

# ── build: the admin, the server bundle, and better-sqlite3 compiled for this Node ──
# The full image has python3, make and g++ in case no prebuilt better-sqlite3 can be fetched.
FROM node:20-bookworm AS build
# In mainland China: docker build --build-arg NPM_REGISTRY=https://registry.npmmirror.com …
ARG NPM_REGISTRY=https://registry.npmjs.org
WORKDIR /app
ENV WRANGLER_SEND_METRICS=false
# The lockfile is npm 11's (Node 20 images bring npm 10).
RUN npm config set registry "$NPM_REGISTRY" && npm install -g npm@11
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:admin && npm run build:node -- --minify
# The bundle keeps only better-sqlite3 outside: it and what it loads at run time.
RUN mkdir -p /out/node_modules \
 && cp -r node_modules/better-sqlite3 node_modules/bindings node_modules/file-uri-to-path /out/node_modules/ \
 && rm -rf /out/node_modules/better-sqlite3/deps /out/node_modules/better-sqlite3/src \
      /out/node_modules/better-sqlite3/build/Release/obj* /out/node_modules/better-sqlite3/build/Release/test_extension.node

# ── run ──
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=2 \
    HOST=0.0.0.0 \
    PORT=8787 \
    JUSHOU_DATABASE=/data/jushou.sqlite \
    TRUSTED_PROXIES=loopback
WORKDIR /app
COPY --from=build /app/wrangler.toml ./wrangler.toml
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/dist ./dist
COPY --from=build /app/dist-node ./dist-node
COPY --from=build /out/node_modules ./node_modules
# The image's own non-root user `node` (uid 1000) owns the data volume.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 8787) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# A 2 MB semi-space keeps the idle server under 100 MiB. Migrations are applied at start.
CMD ["node", "--max-semi-space-size=2", "dist-node/server.mjs"]
