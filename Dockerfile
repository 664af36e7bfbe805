# The platform's own processes (the REST API, the outbox relay, stream processors, sinks) in one
# image; docker-compose.yml runs one container per process with a different `command`.
# TypeScript runs through tsx (a runtime dependency), so there is no build stage.
FROM node:20.19-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY bin ./bin
COPY cli ./cli
COPY core ./core
COPY schemas ./schemas
COPY streams ./streams
COPY connectors ./connectors
COPY loadgen ./loadgen
COPY api ./api
# The eshop command loads every command's module, the local platform's and stack's included.
COPY platform ./platform
COPY stack ./stack
USER node
ENTRYPOINT ["node", "bin/eshop.js"]
