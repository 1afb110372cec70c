import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { DatabaseConnection } from '#db/connect.server.ts'
import { announcements, outbox, streets, users } from '#db/schema/index.ts'
import { queuedConfirmations } from '#tests/fixtures/delivery.ts'
import { createCentre } from '#tests/fixtures/factories.ts'
import { migratedPostgres } from '#tests/setup/database.ts'
import { freePort } from '#tests/setup/postgres-cluster.mjs'

// The loops as server.js runs them: the built app, configured with an SMTP server,
// sends the outbox by email and publishes a due announcement by itself, then stops
// cleanly on SIGTERM.

type Received = { from: string; to: string[]; data: string }

/**
 * Just enough of an SMTP server (RFC 5321, no TLS, no auth) to receive what nodemailer
 * sends, refusing recipients at `refused.example.org` with 550.
 */
function fakeSmtpServer() {
  const received: Received[] = []
  const server: Server = createServer((socket: Socket) => {
    let buffer = ''
    let inData = false
    let current: Received = { from: '', to: [], data: '' }
    const reply = (line: string) => socket.write(`${line}\r\n`)
    reply('220 fake.smtp ESMTP')
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8')
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n')
          if (end === -1) return
          current.data = buffer.slice(0, end)
          buffer = buffer.slice(end + 5)
          inData = false
          received.push(current)
          current = { from: '', to: [], data: '' }
          reply('250 2.0.0 queued')
          continue
        }
        const end = buffer.indexOf('\r\n')
        if (end === -1) return
        const line = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === 'EHLO' || verb === 'HELO') reply('250 fake.smtp')
        else if (verb === 'MAIL') {
          current.from = line
          reply('250 2.1.0 ok')
        } else if (verb === 'RCPT') {
          if (line.includes('@refused.example.org')) reply('550 5.1.1 <someone@refused.example.org>: no such user')
          else {
            current.to.push(line.replace(/^RCPT TO:<(.*)>.*$/i, '$1'))
            reply('250 2.1.5 ok')
          }
        } else if (verb === 'DATA') {
          inData = true
          reply('354 go ahead')
        } else if (verb === 'RSET') {
          current = { from: '', to: [], data: '' }
          reply('250 ok')
        } else if (verb === 'QUIT') {
          reply('221 bye')
          socket.end()
          return
        } else reply('250 ok')
      }
    })
    socket.on('error', () => {})
  })
  return { server, received }
}

let connection: DatabaseConnection & { url: string }
const smtp = fakeSmtpServer()
let smtpPort: number

beforeAll(async () => {
  connection = await migratedPostgres()
  smtpPort = await freePort()
  await new Promise<void>((resolve) => smtp.server.listen(smtpPort, '127.0.0.1', resolve))
})
afterAll(async () => {
  await connection?.close()
  await new Promise((resolve) => smtp.server.close(resolve))
})

async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const started = performance.now()
  for (;;) {
    const result = await check()
    if (result !== undefined) return result
    if (performance.now() - started > timeoutMs) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

test('the running app emails the outbox over SMTP and publishes a due announcement, then stops cleanly', async () => {
  expect(existsSync('build/index.js'), 'run `npm run build` first').toBe(true)
  const now = new Date()
  const [delivered, refused] = await queuedConfirmations(connection.db, { count: 2, channel: 'email', now })
  const [refusedRow] = await connection.db.select({ userId: outbox.userId }).from(outbox).where(eq(outbox.id, refused!))
  await connection.db
    .update(users)
    .set({ email: 'someone@refused.example.org' })
    .where(eq(users.id, refusedRow!.userId!))
  const centre = await createCentre(connection.db)
  const [street] = await connection.db
    .select({ districtId: streets.districtId })
    .from(streets)
    .where(eq(streets.id, centre.streetId))
  const [announcement] = await connection.db
    .insert(announcements)
    .values({
      districtId: street!.districtId,
      streetId: centre.streetId,
      status: 'scheduled',
      publishAt: new Date(now.getTime() - 60_000),
      titleZh: '加装电梯说明会',
      bodyZh: '正文',
    })
    .returning({ id: announcements.id })

  const port = await freePort()
  const server = spawn(process.execPath, ['server.js'], {
    env: {
      ...process.env,
      DATABASE_URL: connection.url,
      PORT: String(port),
      NODE_ENV: 'production',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'info',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: 'Linli 邻里 <noreply@linli.example>',
      OUTBOX_POLL_SECONDS: '0.2',
      SCHEDULER_INTERVAL_SECONDS: '0.2',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)))

  try {
    const rows = await waitFor(async () => {
      const found = await connection.db
        .select({ id: outbox.id, status: outbox.status, lastError: outbox.lastError, attempts: outbox.attempts })
        .from(outbox)
        .where(inArray(outbox.id, [delivered!, refused!]))
      return found.every((row) => row.status === 'sent' || row.status === 'failed') ? found : undefined
    })
    expect(rows.find((row) => row.id === delivered)).toMatchObject({ status: 'sent', attempts: 1 })
    // A 550 will not get better: failed at once, with the code and not the server's words.
    expect(rows.find((row) => row.id === refused)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'smtp_550_EENVELOPE',
    })

    expect(smtp.received).toHaveLength(1)
    const mail = smtp.received[0]!
    expect(mail.from).toContain('noreply@linli.example')
    expect(mail.to).toEqual([expect.stringMatching(/^resident\d+@example\.org$/)])
    expect(mail.data).toMatch(new RegExp(`^X-Linli-Outbox-Id: ${delivered}$`, 'im'))
    expect(mail.data).toMatch(/^Content-Language: zh-CN$/im)
    const [headers, body = ''] = mail.data.split('\r\n\r\n')
    expect(headers).toMatch(/^Content-Transfer-Encoding: base64$/im)
    const text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    expect(text).toContain('测试居民的预约已确认')
    expect(text).toContain('地点：测试邻里中心')
    // The subject is MIME-encoded: 预约成功：瑜伽
    const subject = /^Subject: (.*)$/m.exec(mail.data)?.[1] ?? ''
    expect(decodeEncodedWords(subject)).toBe('预约成功：瑜伽')

    const published = await waitFor(async () => {
      const [row] = await connection.db
        .select({ status: announcements.status })
        .from(announcements)
        .where(eq(announcements.id, announcement!.id))
      return row?.status === 'published' ? row : undefined
    })
    expect(published.status).toBe('published')
  } finally {
    server.kill('SIGTERM')
  }
  expect(await exited, output).toBe(0)
  // The logs name outbox ids, never the addresses they went to.
  expect(output).toContain('"event":"outbox_sent"')
  expect(output).not.toMatch(/example\.org/)
}, 60_000)

/** RFC 2047 encoded words (=?UTF-8?B?…?= or =?UTF-8?Q?…?=), as nodemailer writes them. */
function decodeEncodedWords(header: string): string {
  return header
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9a-f]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    )
}
