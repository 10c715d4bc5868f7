# One lounge server process. The compose file runs two behind a proxy, with Postgres and Redis.
FROM node:22-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The browser lounge, built once into dist/client/ (npm start would otherwise build it on first start).
RUN npm run build
ENV NODE_ENV=production PORT=2567 HOST=0.0.0.0
EXPOSE 2567
CMD ["npm", "start"]
