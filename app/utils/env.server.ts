import * as z from 'zod'

/** Every setting Linli reads from the environment, checked once at boot. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** A PostgreSQL server; without it Linli runs on an embedded PGlite database. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * Timeouts of the app's PostgreSQL sessions, in milliseconds (0: none): a statement
   * gives up after DB_STATEMENT_TIMEOUT_MS, a wait for a lock after DB_LOCK_TIMEOUT_MS,
   * and a session idle inside a transaction is ended after
   * DB_IDLE_IN_TRANSACTION_TIMEOUT_MS — so no request hangs on a lock. Migrations run
   * without the first two.
   */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  DB_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /**
   * How many copies of the server share its port (server.js), one per core to use them
   * all. Only with a PostgreSQL server: the embedded database belongs to one process.
   */
  APP_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  /** How many connections one app process keeps open to PostgreSQL, at most. */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  /** Where the embedded database keeps its files. */
  DATA_DIR: z.string().min(1).default('./.data'),
  /** Signs the language and flash cookies; required in production behind a real domain. */
  SESSION_SECRET: z.string().min(16).default('linli-demo-secret-change-me'),
  /**
   * Production cookies are Secure and __Host- prefixed. Browsers accept that on https and
   * on http://localhost; set this to "true" only for a plain-http test install elsewhere.
   */
  INSECURE_COOKIES: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seeds the demo district into an empty database at boot. */
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /**
   * The background loops: the outbox worker (email, SMS) and the scheduler (scheduled
   * announcements, reminders). "off" for a process that should only serve pages.
   */
  JOBS: z
    .enum(['on', 'off'])
    .default('on')
    .transform((value) => value === 'on'),
  /** How often the outbox worker looks for messages to send, in seconds (jittered). */
  OUTBOX_POLL_SECONDS: z.coerce.number().min(0.1).max(3600).default(5),
  /** How many times a message is tried before it is marked failed. */
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  /** How often the scheduler runs its jobs, in seconds (jittered). */
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().min(0.1).max(3600).default(60),
  /** An SMTP server for email (smtp://user:pass@host:587 or smtps://…:465); unset: emails are only logged. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The sender of notification emails. */
  MAIL_FROM: z.string().regex(/@/, 'must contain an email address').default('Linli 邻里 <noreply@linli.example>'),
  /**
   * How long a page shown to anonymous visitors is kept and served again, in milliseconds
   * (app/utils/page-cache.server.ts); 0 turns the cache off.
   */
  PAGE_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /**
   * Tests only: lets a request carry its own "now" (the X-Linli-Test-Now header) so the
   * end-to-end tests can watch scheduled announcements go out, pins lapse and notices
   * expire. Off unless set to "true"; playwright.config.ts sets it for its own server.
   */
  LINLI_TEST_CLOCK: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
})

export type Env = z.infer<typeof envSchema>

function readEnv(): Env {
  const parsed = envSchema.safeParse(process.env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`Linli cannot start: the environment is not valid\n${problems.join('\n')}`)
  }
  return parsed.data
}

export const env = readEnv()
