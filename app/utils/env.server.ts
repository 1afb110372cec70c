import { z } from 'zod'

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
