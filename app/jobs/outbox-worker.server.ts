import { retryDelayMs } from '#app/domain/retry.ts'
import { describeError, logger } from '#app/utils/logger.server.ts'
import {
  claimOutboxBatch,
  loadMessageDetails,
  loadRecipients,
  markOutboxAttemptFailed,
  markOutboxSent,
  releaseExpiredLeases,
  type ClaimedMessage,
  type MessageDetails,
  type Recipient,
} from '#app/models/outbox.server.ts'
import { db, type Database } from '#db/client.server.ts'
import { renderMessage } from './messages.server.ts'
import { PermanentDeliveryError, type OutgoingMessage, type Transports } from './transports.server.ts'

export type DeliveryOptions = {
  now: Date
  transports: Transports
  /** Tries before a message is marked failed. */
  maxAttempts: number
  /** Rows claimed per round; they are sent one after another. */
  batchSize?: number
  /** One send gives up after this long and counts as a failed try. */
  sendTimeoutMs?: number
  /** How long a claim holds; more than batchSize × sendTimeoutMs, so a slow batch keeps its rows. */
  leaseMs?: number
  random?: () => number
}

export type DeliveryReport = { released: number; claimed: number; sent: number; retrying: number; failed: number }

const DEFAULT_BATCH = 10
const DEFAULT_SEND_TIMEOUT_MS = 30_000

/**
 * One round of the outbox worker: take back rows whose worker died, claim a batch of
 * due rows, send each through its channel's transport, and record the outcome — sent;
 * pending again after a backoff; or failed, with the reason, after the last try or a
 * failure that retrying cannot fix. Safe to run in any number of processes at once:
 * each row is claimed by one worker only.
 */
export async function deliverDueMessages(options: DeliveryOptions, database: Database = db): Promise<DeliveryReport> {
  const { now, maxAttempts } = options
  const batchSize = options.batchSize ?? DEFAULT_BATCH
  const sendTimeoutMs = options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS
  const leaseMs = options.leaseMs ?? batchSize * sendTimeoutMs * 2
  const released = await releaseExpiredLeases({ now, maxAttempts }, database)
  for (const row of released) {
    logger.warn({ event: 'outbox_lease_expired', outboxId: row.id, status: row.status }, 'outbox lease expired')
  }
  const claimed = await claimOutboxBatch({ now, limit: batchSize, leaseMs }, database)
  const report: DeliveryReport = { released: released.length, claimed: claimed.length, sent: 0, retrying: 0, failed: 0 }
  if (claimed.length === 0) return report

  const userIds = [...new Set(claimed.flatMap((row) => (row.userId === null ? [] : [row.userId])))]
  const [recipients, details] = await Promise.all([
    loadRecipients(userIds, database),
    loadMessageDetails(claimed, database),
  ])

  for (const row of claimed) {
    const outcome = await deliverOne(row, {
      recipient: row.userId === null ? undefined : recipients.get(row.userId),
      details: details.get(row.id),
      options,
      sendTimeoutMs,
      database,
    })
    report[outcome]++
  }
  return report
}

async function deliverOne(
  row: ClaimedMessage,
  {
    recipient,
    details,
    options,
    sendTimeoutMs,
    database,
  }: {
    recipient: Recipient | undefined
    details: MessageDetails | undefined
    options: DeliveryOptions
    sendTimeoutMs: number
    database: Database
  },
): Promise<'sent' | 'retrying' | 'failed'> {
  const { now, maxAttempts } = options
  const ids = { outboxId: row.id, channel: row.channel, template: row.template, attempt: row.attempts }
  try {
    if (row.channel !== 'email' && row.channel !== 'sms') throw new PermanentDeliveryError('unknown_channel')
    const transport = options.transports[row.channel]
    const message = await prepare(row, row.channel, recipient, details)
    await withTimeout(transport.send(message), sendTimeoutMs)
    const recorded = await markOutboxSent({ id: row.id, attempts: row.attempts, now }, database)
    // Not recorded: another worker took the row back after our lease ran out.
    if (!recorded) logger.warn({ event: 'outbox_sent_after_lease', ...ids }, 'sent after the lease ran out')
    else logger.info({ event: 'outbox_sent', transport: transport.name, ...ids }, 'message sent')
    return 'sent'
  } catch (error) {
    const permanent = error instanceof PermanentDeliveryError
    const reason = failureReason(error)
    const giveUp = permanent || row.attempts >= maxAttempts
    const retryAt = giveUp
      ? null
      : new Date(now.getTime() + retryDelayMs(row.attempts, { random: options.random ?? Math.random }))
    await markOutboxAttemptFailed({ id: row.id, attempts: row.attempts, error: reason, retryAt }, database)
    if (giveUp) {
      logger.error({ event: 'outbox_failed', reason, ...ids }, 'message failed for good')
      return 'failed'
    }
    logger.warn({ event: 'outbox_retry', reason, retryAt, ...ids }, 'message failed; will retry')
    return 'retrying'
  }
}

async function prepare(
  row: ClaimedMessage,
  channel: 'email' | 'sms',
  recipient: Recipient | undefined,
  details: MessageDetails | undefined,
): Promise<OutgoingMessage> {
  if (!recipient) throw new PermanentDeliveryError('no_recipient')
  const to = channel === 'email' ? recipient.email : recipient.phone
  if (!to) throw new PermanentDeliveryError(`no_${channel === 'email' ? 'email_address' : 'phone_number'}`)
  const { subject, text } = await renderMessage({
    channel,
    template: row.template,
    payload: row.payload,
    language: recipient.language,
    details,
  })
  return { outboxId: row.id, channel, template: row.template, to, language: recipient.language, subject, text }
}

/**
 * What went wrong, as stored in outbox.last_error and logged: a code and a short
 * message, with anything that looks like an address or a phone number taken out.
 */
export function failureReason(error: unknown): string {
  if (error instanceof PermanentDeliveryError) return error.code
  const { type, message, code } = describeError(error)
  const text = `${code ?? type}: ${message}`
    .replace(/[^\s<>"'()]+@[^\s<>"'()]+/g, '[address]')
    .replace(/\+?\d[\d -]{9,}\d/g, '[number]')
  return text.slice(0, 500)
}

class SendTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`)
    this.name = 'SendTimeout'
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new SendTimeout(ms)), ms)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}
