# The Spean app (API and UI on one port). It expects a Neo4j at NEO4J_URI: see docker-compose.yml.

# Build the UI bundle and the server's JavaScript with the development dependencies (Vite,
# Svelte's compiler, TypeScript).
FROM node:20-bookworm-slim AS build
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.server.json ./
COPY api ./api
COPY db/neo4j-process.ts ./db/neo4j-process.ts
COPY seed ./seed
COPY ui ./ui
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /build/dist ./dist
COPY seed ./seed
COPY --from=build /build/ui/dist ./ui/dist
ENV HOST=0.0.0.0 PORT=8080 UI_DIR=ui/dist
EXPOSE 8080
USER node
HEALTHCHECK --interval=10s --timeout=3s --retries=10 CMD node -e "fetch('http://127.0.0.1:8080/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/api/src/server.js"]
