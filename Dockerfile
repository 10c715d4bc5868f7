# One lounge server process. The compose file runs two behind a proxy, with Postgres and Redis.
FROM node:22-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NODE_ENV=production PORT=2567 HOST=0.0.0.0
EXPOSE 2567
CMD ["npm", "start"]
