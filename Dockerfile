# One image for every Orchestra service; the command picks the role:
#   orchestra serve gateway | memory | orchestration | routing | session
FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
# --initial-old-space-size: the gateway's heap setting (gateway/gateway-heap.ts), as `npm start` and `npm run serve` pass it.
ENTRYPOINT ["npx", "tsx", "--initial-old-space-size=512", "bin/orchestra.ts"]
CMD ["start"]
