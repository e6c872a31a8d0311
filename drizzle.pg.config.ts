import { defineConfig } from 'drizzle-kit';

// `npm run db:generate:pg` writes a new PostgreSQL migration to db/migrations-pg after a change to
// db/pg-schema.ts. Change db/schema.ts (SQLite) alongside, and generate both.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/pg-schema.ts',
  out: './db/migrations-pg',
});
