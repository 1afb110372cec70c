import type { Language } from '#app/i18n.ts'
import { describeError, logger } from '#app/utils/logger.server.ts'

/** One email or SMS, ready to go. `to` and `text` are personal data: never log them. */
export type OutgoingMessage = {
  outboxId: number
  channel: 'email' | 'sms'
  template: string
  to: string
  language: Language
  subject: string
  text: string
}

/** Whatever carries messages out. `send` resolves once the message is handed over, or throws. */
export interface Transport {
  readonly name: string
  send(message: OutgoingMessage): Promise<void>
  close?(): Promise<void> | void
}

export type Transports = Record<OutgoingMessage['channel'], Transport>

/** A failure that trying again will not fix (no address, a refused recipient): no retries. */
export class PermanentDeliveryError extends Error {
  constructor(public readonly code: string) {
    super(code)
    this.name = 'PermanentDeliveryError'
  }
}

/**
 * The default transport: the message is only logged (channel, outbox id, template,
 * language — never the address or the text). Development and demo installs, and SMS
 * until a gateway is configured.
 */
export function logTransport(): Transport {
  return {
    name: 'log',
    async send(message) {
      logger.info(
        {
          event: 'message_logged',
          outboxId: message.outboxId,
          channel: message.channel,
          template: message.template,
          language: message.language,
        },
        'message logged, not sent: no transport is configured for this channel',
      )
    },
  }
}

/** Email over SMTP (nodemailer), for SMTP_URL such as smtps://user:pass@smtp.example.com:465. */
export function smtpTransport({ url, from }: { url: string; from: string }): Transport {
  // Loaded only where email is configured; started at once so a broken install shows at boot.
  const mailer = import('nodemailer').then(({ createTransport }) =>
    createTransport(
      // Fail fast: the worker's lease must outlast a whole batch of sends.
      { url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
      { from },
    ),
  )
  mailer.catch((error: unknown) =>
    logger.error({ event: 'smtp_unavailable', error: describeError(error) }, 'cannot load the SMTP transport'),
  )
  return {
    name: 'smtp',
    async send(message) {
      if (message.channel !== 'email') throw new PermanentDeliveryError('smtp_only_sends_email')
      const transporter = await mailer
      try {
        await transporter.sendMail({
          to: message.to,
          subject: message.subject,
          text: message.text,
          headers: { 'Content-Language': message.language, 'X-Linli-Outbox-Id': String(message.outboxId) },
        })
      } catch (error) {
        throw smtpFailure(error)
      }
    },
    async close() {
      ;(await mailer.catch(() => undefined))?.close()
    },
  }
}

/**
 * An SMTP error as the worker records it: the reply code and nodemailer's error code,
 * not the server's text, which often quotes the recipient's address. 5xx replies (a
 * refused recipient, a refused message) will not get better by retrying.
 */
function smtpFailure(error: unknown): Error {
  const { code, responseCode } = (error ?? {}) as { code?: string; responseCode?: number }
  if (typeof responseCode === 'number') {
    const reason = `smtp_${responseCode}${code ? `_${code}` : ''}`
    return responseCode >= 500 ? new PermanentDeliveryError(reason) : new Error(reason)
  }
  if (code === 'EENVELOPE') return new PermanentDeliveryError('smtp_bad_envelope')
  return new Error(`smtp_${code ?? 'error'}`)
}

/** Email by SMTP when SMTP_URL is set, else logged; SMS is logged until a gateway is written. */
export function transportsFromEnv({ SMTP_URL, MAIL_FROM }: { SMTP_URL?: string; MAIL_FROM: string }): Transports {
  const log = logTransport()
  return { email: SMTP_URL ? smtpTransport({ url: SMTP_URL, from: MAIL_FROM }) : log, sms: log }
}
