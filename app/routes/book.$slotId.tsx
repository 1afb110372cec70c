import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { CallCentre } from '#app/components/call-centre.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { useFocusWhenShown } from '#app/components/forms.tsx'
import { ServiceRules } from '#app/components/service-rules.tsx'
import { SeatsLeft } from '#app/components/slot-list.tsx'
import type { Language } from '#app/i18n.ts'
import { bookingRefusal, eligibilityRefusal, priceFor, type Attendee } from '#app/domain/booking-rules.ts'
import {
  bookSlot,
  getBookableSlot,
  listAttendees,
  type AttendeeChoice,
  type BookableSlot,
} from '#app/models/booking.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { useElderMode } from '#app/utils/elder-mode.ts'
import { formatDateTimeRange, formatPrice } from '#app/utils/format.ts'
import i18next, { getLanguage } from '#app/utils/i18next.server.ts'
import { isIdempotencyKey, newIdempotencyKey } from '#app/utils/idempotency.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'
import { titleOr } from '#app/utils/meta.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { isRowId } from '#app/domain/row-id.ts'

export const handle = { i18n: ['common', 'booking', 'elder'] }

function slotIdOf(params: { slotId?: string }) {
  const id = Number(params.slotId)
  invariantResponse(isRowId(id), 'Not found', { status: 404 })
  return id
}

/** What each person the account can book for would get: a refusal, or the price. */
function attendeeOptions(slot: BookableSlot, people: Awaited<ReturnType<typeof listAttendees>>) {
  const facts = {
    startsAt: slot.startsAt,
    status: slot.status,
    timeZone: slot.centre.timeZone,
    centreStreetId: slot.centre.streetId,
  }
  const option = (value: string, name: string, attendee: Attendee) => {
    const price = priceFor({ slot: facts, priceFen: slot.service.priceFen, concessions: slot.concessions, attendee })
    return { value, name, refusal: eligibilityRefusal(facts, slot.service, attendee), ...price }
  }
  return [
    ...(people.self ? [option('self', people.self.name, people.self)] : []),
    ...people.members.map((member) => option(`member-${member.id}`, member.name, member)),
  ]
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slotId = slotIdOf(params)
  const user = await requireUser(request)
  const lang = await getLanguage(request)
  const slot = await getBookableSlot({ slotId, lang })
  invariantResponse(slot, 'Not found', { status: 404 })
  const now = new Date()
  const people = await listAttendees({ userId: user.id })
  // Rules that don't depend on who comes (window, cancelled, started) are said up front.
  const slotRefusal = bookingRefusal({
    slot: {
      startsAt: slot.startsAt,
      status: slot.status,
      timeZone: slot.centre.timeZone,
      centreStreetId: slot.centre.streetId,
    },
    rules: { ...slot.service, minAge: null, maxAge: null, residentsOnly: false },
    attendee: { birthYear: null, homeStreetId: null, lowIncomeVerified: false },
    now,
    activeForService: 0,
    onTheDay: 0,
  })
  const t = await i18next.getFixedT(request, 'booking')
  return {
    title: t('book.title', { service: slot.service.name }),
    slot,
    slotRefusal,
    options: attendeeOptions(slot, people),
    idempotencyKey: newIdempotencyKey(),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

export async function action({ request, params }: ActionFunctionArgs) {
  const slotId = slotIdOf(params)
  const user = await requireUser(request)
  const form = await readFormData(request)
  const attendeeValue = String(form.get('attendee') ?? '')
  const memberMatch = /^member-(\d{1,9})$/.exec(attendeeValue)
  const attendee: AttendeeChoice | null =
    attendeeValue === 'self'
      ? { kind: 'self' }
      : memberMatch
        ? { kind: 'member', memberId: Number(memberMatch[1]) }
        : null
  if (!attendee) return data({ error: 'choose_attendee' as const }, { status: 400 })
  const key = form.get('idempotencyKey')
  const outcome = await bookSlot({
    slotId,
    bookedByUserId: user.id,
    attendee,
    idempotencyKey: isIdempotencyKey(key) ? key : null,
  })
  if (outcome.ok) return redirect(`/bookings/${outcome.reference}`, 303)
  if (outcome.reason === 'not_found') throw new Response('Not found', { status: 404 })
  return data(
    { error: outcome.reason },
    { status: outcome.reason === 'already_booked' || outcome.reason === 'slot_full' ? 409 : 400 },
  )
}

export default function BookPage() {
  const { slot, slotRefusal, options, idempotencyKey } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t, i18n } = useTranslation('booking')
  const lng = i18n.language as Language
  const when = formatDateTimeRange(new Date(slot.startsAt), new Date(slot.endsAt), slot.centre.timeZone, lng)
  const full = slot.seatsLeft <= 0
  const firstAllowed = options.find((option) => !option.refusal)
  // In elder mode the phone comes first, before the form; otherwise it closes the page.
  const elder = useElderMode() !== 'off'
  return (
    <>
      <Breadcrumbs
        trail={[
          { to: `/centres/${slot.centre.slug}`, label: slot.centre.name },
          { to: `/centres/${slot.centre.slug}/services/${slot.service.slug}`, label: slot.service.name },
        ]}
      />
      <h1>
        {full
          ? t('book.headingWaitlist', { service: slot.service.name })
          : t('book.heading', { service: slot.service.name })}
      </h1>
      <dl className="facts">
        <div>
          <dt>{t('book.when')}</dt>
          <dd>{when}</dd>
        </div>
        <div>
          <dt>{t('book.where')}</dt>
          <dd>
            {slot.centre.name} · {slot.centre.address}
            {slot.service.location ? ` · ${slot.service.location}` : null}
          </dd>
        </div>
        <div>
          <dt>{t('book.places')}</dt>
          <dd>
            <SeatsLeft slot={{ ...slot, waitlistEnabled: slot.service.waitlistEnabled }} />
          </dd>
        </div>
      </dl>
      {elder ? <CallCentre centre={slot.centre} /> : null}

      {actionData?.error ? <BookingProblem error={actionData.error} phone={slot.centre.phone} /> : null}

      {slotRefusal ? (
        <div className="notice notice--warning" role="note">
          <p>{t(`errors.${slotRefusal}`)}</p>
          <p>{t('book.callCentre', { phone: slot.centre.phone })}</p>
        </div>
      ) : full && !slot.service.waitlistEnabled ? (
        <div className="notice notice--warning" role="note">
          <p>{t('errors.slot_full')}</p>
        </div>
      ) : (
        <Form method="post" className="stack panel">
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <fieldset className="choices">
            <legend>{t('book.who')}</legend>
            {options.map((option) => (
              <div key={option.value} className="choice">
                <input
                  type="radio"
                  id={`attendee-${option.value}`}
                  name="attendee"
                  value={option.value}
                  disabled={Boolean(option.refusal)}
                  defaultChecked={option.value === firstAllowed?.value}
                  aria-describedby={`attendee-${option.value}-hint`}
                />
                <label htmlFor={`attendee-${option.value}`}>
                  {option.value === 'self' ? t('book.self', { name: option.name }) : option.name}
                </label>
                <p id={`attendee-${option.value}-hint`} className="hint">
                  {option.refusal
                    ? t(`errors.${option.refusal}`)
                    : option.priceFen === 0
                      ? t('book.free')
                      : t(option.concession ? 'book.priceConcession' : 'book.price', {
                          price: formatPrice(option.priceFen, lng),
                          concession: option.concession ? t(`concession.${option.concession}`, { ns: 'common' }) : '',
                        })}
                </p>
              </div>
            ))}
          </fieldset>
          <p>
            <Link to={`/account/household?${new URLSearchParams({ redirectTo: `/book/${slot.id}` })}`}>
              {t('book.addHousehold')}
            </Link>
          </p>
          {full ? <p>{t('book.waitlistExplained', { count: slot.waitlistedCount })}</p> : null}
          <button type="submit" disabled={!firstAllowed || navigation.state === 'submitting'}>
            {full ? t('book.joinWaitlist') : t('book.confirm')}
          </button>
        </Form>
      )}

      <section aria-labelledby="rules-title">
        <h2 id="rules-title">{t('book.rules')}</h2>
        <ServiceRules {...slot.service} concessions={slot.concessions} streetName={slot.centre.streetName} />
      </section>
      {elder ? null : <CallCentre centre={slot.centre} />}
    </>
  )
}

/** Why the booking was refused, focused when it appears (the error-summary pattern). */
function BookingProblem({ error, phone }: { error: string; phone: string }) {
  const { t } = useTranslation('booking')
  const focusRef = useFocusWhenShown<HTMLDivElement>()
  return (
    <div
      ref={focusRef}
      className="error-summary"
      role="alert"
      tabIndex={-1}
      // eslint-disable-next-line jsx-a11y/no-autofocus -- the summary takes focus when it appears (GOV.UK's pattern)
      autoFocus
    >
      <h2>{t('book.problem')}</h2>
      <p>{t(`errors.${error}`)}</p>
      <p>{t(`errors.${error}_next`, { phone, defaultValue: '' })}</p>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
