# Production image of Pléiade: the BFF serving the built SPA. Configure it with the variables of
# .env.example (DATABASE_URL, OIDC_* and CONNECTOR_KEYS are required when NODE_ENV=production).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@10.34.9
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc* ./
COPY apps/bff/package.json apps/bff/
COPY apps/web/package.json apps/web/
COPY packages/contracts/package.json packages/contracts/
COPY packages/dev-idp/package.json packages/dev-idp/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
RUN pnpm install --frozen-lockfile
COPY . .
RUN node scripts/prisma-generate.mjs && pnpm run build \
 && pnpm --filter @pleiade/bff deploy --prod --legacy /out/apps/bff \
 && cp -r apps/web/dist /out/apps/web-dist && cp -r prisma /out/prisma

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build /out/apps/bff apps/bff
COPY --from=build /out/apps/web-dist apps/web/dist
COPY --from=build /out/prisma prisma
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:3000/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "apps/bff/dist/main.js"]
