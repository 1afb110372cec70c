import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { freePort } from '#tests/setup/postgres-cluster.mjs'

// The README's promise: with no DATABASE_URL, the built app starts on an embedded
// database in an empty DATA_DIR, migrates, seeds the demo district and serves it.
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'linli-embedded-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

test(
  'the built app serves the demo district on the embedded database, then stops cleanly on SIGTERM',
  { timeout: 120_000 },
  async () => {
    expect(existsSync('build/index.js'), 'run `npm run build` first').toBe(true)
    const port = await freePort()
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    }
    delete env.DATABASE_URL
    const started = performance.now()
    const server = spawn(process.execPath, ['server.js'], { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)))

    // The server listens at once and answers 503 while it creates, migrates and seeds.
    let home: Response | undefined
    while ((!home || home.status === 503) && performance.now() - started < 90_000) {
      home = await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined)
      if (!home || home.status === 503) await new Promise((resolve) => setTimeout(resolve, 250))
    }
    const coldStartMs = Math.round(performance.now() - started)
    expect(home?.status, stderr).toBe(200)
    console.log(`embedded cold start to first 200: ${coldStartMs} ms`)
    const html = await home!.text()
    expect(html).toContain('<html lang="zh-CN"')
    expect(html).toContain('邻里中心')

    const ready = await fetch(`http://127.0.0.1:${port}/readyz`)
    expect(ready.status).toBe(200)

    server.kill('SIGTERM')
    expect(await exited).toBe(0)
  },
)
