// The scheduler's announcement step at a chosen moment, for the end-to-end tests:
// `DATABASE_URL=… tsx tests/setup/publish-due.ts 2026-12-07T00:01:00Z` publishes what is
// due then and prints what it published as JSON. Production runs the same function on
// the real clock.
import { publishDueAnnouncements } from '#app/models/announcement.server.ts'
import { closeDatabase } from '#db/client.server.ts'

const now = new Date(process.argv[2] ?? '')
if (Number.isNaN(now.getTime())) {
  console.error('usage: tsx tests/setup/publish-due.ts ISO-INSTANT')
  process.exit(2)
}
try {
  console.log(JSON.stringify(await publishDueAnnouncements({ now })))
} finally {
  await closeDatabase()
}
