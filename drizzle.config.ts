import { defineConfig } from 'drizzle-kit'

// `npm run db:generate` writes a new migration from the schema; migrations are applied
// by the app itself at boot (db/migrate.server.ts), never by drizzle-kit push.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  casing: 'snake_case',
  strict: true,
})
