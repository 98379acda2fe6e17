# syntax=docker/dockerfile:1
# One image for every process of samflyt; its command picks which (scripts/entrypoint.ts):
#   docker run IMAGE api | worker | web | migrate | demo   (add --help to see a command's variables)
# The image defaults to SAMFLYT_ENV=production; docker-compose.yml sets development unless told otherwise.

# Build: every dependency, then lint, compile and bundle the web app into dist/.
FROM node:20.20.2-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install script is needed to build (the embedded Postgres' only serves `npm start` and `npm test`).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# Runtime: production dependencies and dist/ only, run as the unprivileged `node` user of the base image.
FROM node:20.20.2-bookworm-slim AS runtime
ENV NODE_ENV=production \
    SAMFLYT_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Files stay owned by root: the processes can read their code, not change it.
USER node
EXPOSE 3000 8080
ENTRYPOINT ["node", "dist/scripts/entrypoint.js"]
CMD ["api"]
