import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '#app/utils/use-translation.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ErrorSummary, Field } from '#app/components/forms.tsx'
import type { Language } from '#app/i18n.ts'
import { assistedBookingSchema, findResidentSchema, newResidentSchema } from '#app/domain/desk-schemas.ts'
import { bookSlot, type AttendeeChoice } from '#app/models/booking.server.ts'
import {
  createDeskResident,
  findDeskBooking,
  findResidentByPhone,
  getDeskSlot,
  type DeskResident,
} from '#app/models/desk.server.ts'
import { listUpcomingSlots } from '#app/models/service.server.ts'
import { formatDateTimeRange } from '#app/utils/format.ts'
import { currentYear } from '#app/utils/household-form.server.ts'
import i18next from '#app/utils/i18next.server.ts'
import { newIdempotencyKey } from '#app/utils/idempotency.server.ts'
import { titleOr } from '#app/utils/meta.ts'
import { requireOperatedCentre } from '#app/utils/operator.server.ts'
import { isBookingReference } from '#app/domain/reference-format.ts'
import { readFormData } from '#app/utils/form-data.server.ts'

export const handle = { i18n: ['common', 'staff', 'booking', 'desk'] }

const DAYS_AHEAD = 14

// Assisted booking (代办): a walk-in or a phone caller, found by phone or added, booked
// through the same engine and rules as residents, marked as assisted and audited.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { centre, lang } = await requireOperatedCentre(request, params.centreSlug)
  const url = new URL(request.url)
  const now = new Date()
  const booked = url.searchParams.get('booked')
  const [slots, booking, t] = await Promise.all([
    listUpcomingSlots({
      lang,
      centreId: centre.id,
      from: now,
      until: new Date(now.getTime() + DAYS_AHEAD * 86_400_000),
      limit: 500,
    }),
    isBookingReference(booked) ? findDeskBooking({ centreId: centre.id, reference: booked }) : null,
    i18next.getFixedT(request, 'desk'),
  ])
  const chosen = Number(url.searchParams.get('slot'))
  return {
    title: t('assist.title', { centre: centre.name }),
    centre: { slug: centre.slug, name: centre.name, timeZone: centre.timeZone },
    slots: slots.map((slot) => ({
      id: slot.id,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      serviceName: slot.serviceName,
      seatsLeft: slot.seatsLeft,
      waitlistEnabled: slot.waitlistEnabled,
    })),
    chosenSlotId: slots.some((slot) => slot.id === chosen) ? chosen : null,
    currentYear: currentYear(),
    idempotencyKey: newIdempotencyKey(),
    booked: booking
      ? {
          reference: booking.reference,
          attendeeName: booking.attendeeName,
          status: booking.status,
          slotId: booking.slotId,
        }
      : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: titleOr(matches, data?.title) }]

type ActionData = {
  intent: 'find' | 'create' | 'book'
  result?: SubmissionResult<string[]>
  /** The resident the desk is booking for, and the number typed (sent back in the form body, never the address). */
  resident?: DeskResident & { phoneEntered: string }
  notice?: 'created' | 'existing'
  bookingError?: string
}

export async function action({ request, params }: ActionFunctionArgs) {
  const {
    user: { user },
    centre,
  } = await requireOperatedCentre(request, params.centreSlug)
  const formData = await readFormData(request)
  const intent = formData.get('intent')

  if (intent === 'create') {
    const submission = parseWithZod(formData, { schema: newResidentSchema(currentYear()) })
    if (submission.status !== 'success') {
      return data<ActionData>({ intent, result: submission.reply() }, { status: 400 })
    }
    const { name, phone, birthYear } = submission.value
    const created = await createDeskResident({ actorUserId: user.id, centreId: centre.id, name, phone, birthYear })
    if (created.ok)
      return data<ActionData>({ intent, resident: { ...created.resident, phoneEntered: phone }, notice: 'created' })
    // The number already has an account: book for that person rather than make a second.
    const existing = await findResidentByPhone({ phone })
    return data<ActionData>({ intent, resident: { ...existing!, phoneEntered: phone }, notice: 'existing' })
  }

  if (intent === 'book') {
    const submission = parseWithZod(formData, { schema: assistedBookingSchema })
    if (submission.status !== 'success') {
      return data<ActionData>({ intent, bookingError: 'desk:errors.bookingInvalid' }, { status: 400 })
    }
    const { phone, slotId, attendee, idempotencyKey } = submission.value
    const resident = await findResidentByPhone({ phone })
    if (!resident) return data<ActionData>({ intent, bookingError: 'desk:errors.noResident' }, { status: 400 })
    const back = { intent, resident: { ...resident, phoneEntered: phone } } as const
    // The slot must be this centre's: a slot id of another centre is refused like a missing one.
    const slot = await getDeskSlot({ centreId: centre.id, slotId, lang: 'zh-CN' })
    if (!slot) return data<ActionData>({ ...back, bookingError: 'desk:errors.slotNotFound' }, { status: 400 })
    const choice: AttendeeChoice | null =
      attendee === 'self'
        ? { kind: 'self' }
        : resident.members.some((member) => member.id === Number(attendee))
          ? { kind: 'member', memberId: Number(attendee) }
          : null
    if (!choice) return data<ActionData>({ ...back, bookingError: 'desk:errors.attendeeRequired' }, { status: 400 })
    const outcome = await bookSlot({
      slotId,
      bookedByUserId: resident.id,
      attendee: choice,
      idempotencyKey: idempotencyKey ?? null,
      assistedByUserId: user.id,
    })
    if (!outcome.ok) {
      const bookingError =
        outcome.reason === 'not_found' ? 'desk:errors.slotNotFound' : `booking:errors.${outcome.reason}`
      return data<ActionData>({ ...back, bookingError }, { status: outcome.reason === 'slot_full' ? 409 : 400 })
    }
    return redirect(`/operator/centres/${centre.slug}/desk/assist?booked=${outcome.reference}`)
  }

  const submission = parseWithZod(formData, { schema: findResidentSchema })
  if (submission.status !== 'success') {
    return data<ActionData>({ intent: 'find', result: submission.reply() }, { status: 400 })
  }
  const resident = await findResidentByPhone({ phone: submission.value.phone })
  if (!resident) {
    return data<ActionData>(
      { intent: 'find', result: submission.reply({ fieldErrors: { phone: ['desk:errors.noResident'] } }) },
      { status: 400 },
    )
  }
  return data<ActionData>({ intent: 'find', resident: { ...resident, phoneEntered: submission.value.phone } })
}

export default function AssistedBooking() {
  const { centre, slots, chosenSlotId, currentYear, idempotencyKey, booked } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t, i18n } = useTranslation('desk')
  const lng = i18n.language as Language
  const base = `/operator/centres/${centre.slug}`
  const resident = actionData?.resident
  const residentSchema = newResidentSchema(currentYear)

  const [findForm, findFields] = useForm({
    id: 'find-resident',
    lastResult: actionData?.intent === 'find' ? actionData.result : undefined,
    constraint: getZodConstraint(findResidentSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: findResidentSchema }),
  })
  const [newForm, newFields] = useForm({
    id: 'new-resident',
    lastResult: actionData?.intent === 'create' ? actionData.result : undefined,
    constraint: getZodConstraint(residentSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: residentSchema }),
  })

  return (
    <>
      <p>
        <Link to={`${base}/desk`}>{t('roster.backToDesk')}</Link>
      </p>
      <h1>{t('assist.heading')}</h1>
      <p className="lead">{t('assist.lead')}</p>
      {booked ? (
        <p className="notice notice--success" role="status">
          {t(booked.status === 'waitlisted' ? 'assist.bookedWaitlist' : 'assist.booked', {
            name: booked.attendeeName,
            reference: booked.reference,
          })}{' '}
          <Link to={`${base}/desk/slots/${booked.slotId}`}>{t('desk.openRoster')}</Link>
        </p>
      ) : null}

      {resident ? (
        <section aria-labelledby="book-title" className="panel">
          <h2 id="book-title">{t('assist.bookFor', { name: resident.name, phone: resident.phone })}</h2>
          {actionData?.notice ? (
            <p className="notice notice--success" role="status">
              {t(`assist.notice.${actionData.notice}`, { name: resident.name })}
            </p>
          ) : null}
          {actionData?.bookingError ? (
            <div className="error-summary" role="alert" aria-labelledby="book-error-title" tabIndex={-1}>
              <h2 id="book-error-title">{t('form.problem', { ns: 'common' })}</h2>
              <p>{t(actionData.bookingError)}</p>
            </div>
          ) : null}
          {slots.length === 0 ? (
            <p className="empty">{t('assist.noSlots')}</p>
          ) : (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="book" />
              <input type="hidden" name="phone" value={resident.phoneEntered} />
              <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
              <div className="field">
                <label htmlFor="assist-slot">{t('assist.slot')}</label>
                <select id="assist-slot" name="slotId" defaultValue={chosenSlotId ?? undefined} required>
                  {slots.map((slot) => (
                    <option key={slot.id} value={slot.id}>
                      {formatDateTimeRange(new Date(slot.startsAt), new Date(slot.endsAt), centre.timeZone, lng)}{' '}
                      {slot.serviceName} ·{' '}
                      {slot.seatsLeft > 0
                        ? t('assist.seatsLeft', { count: slot.seatsLeft })
                        : slot.waitlistEnabled
                          ? t('assist.waitlistOnly')
                          : t('assist.full')}
                    </option>
                  ))}
                </select>
              </div>
              <fieldset className="choices">
                <legend>{t('assist.who')}</legend>
                <div className="choice">
                  <input type="radio" id="attendee-self" name="attendee" value="self" defaultChecked />
                  <label htmlFor="attendee-self">{t('assist.self', { name: resident.name })}</label>
                </div>
                {resident.members.map((member) => (
                  <div key={member.id} className="choice">
                    <input type="radio" id={`attendee-${member.id}`} name="attendee" value={member.id} />
                    <label htmlFor={`attendee-${member.id}`}>
                      {t('assist.member', { name: member.name, year: member.birthYear })}
                    </label>
                  </div>
                ))}
              </fieldset>
              <button type="submit" className="button button--large">
                {t('assist.bookSubmit')}
              </button>
            </Form>
          )}
          <p>
            <Link to={`${base}/desk/assist`}>{t('assist.someoneElse')}</Link>
          </p>
        </section>
      ) : (
        <>
          <section aria-labelledby="find-title" className="panel">
            <h2 id="find-title">{t('assist.findTitle')}</h2>
            <ErrorSummary
              formErrors={findForm.errors}
              fields={[{ id: findFields.phone.id, label: t('assist.phone'), errors: findFields.phone.errors }]}
            />
            <Form method="post" {...getFormProps(findForm)} className="stack">
              <input type="hidden" name="intent" value="find" />
              <Field
                label={t('assist.phone')}
                hint={t('assist.phoneHint')}
                errors={findFields.phone.errors}
                inputProps={{ ...getInputProps(findFields.phone, { type: 'tel' }), autoComplete: 'off' }}
              />
              <button type="submit" className="button button--large">
                {t('assist.findSubmit')}
              </button>
            </Form>
          </section>
          <section aria-labelledby="new-title" className="panel">
            <h2 id="new-title">{t('assist.newTitle')}</h2>
            <p>{t('assist.newLead')}</p>
            <ErrorSummary
              formErrors={newForm.errors}
              fields={[
                { id: newFields.name.id, label: t('assist.name'), errors: newFields.name.errors },
                { id: newFields.phone.id, label: t('assist.phone'), errors: newFields.phone.errors },
                { id: newFields.birthYear.id, label: t('assist.birthYear'), errors: newFields.birthYear.errors },
              ]}
            />
            <Form method="post" {...getFormProps(newForm)} className="stack">
              <input type="hidden" name="intent" value="create" />
              <Field
                label={t('assist.name')}
                errors={newFields.name.errors}
                inputProps={{ ...getInputProps(newFields.name, { type: 'text' }), autoComplete: 'off' }}
              />
              <Field
                label={t('assist.phone')}
                errors={newFields.phone.errors}
                inputProps={{ ...getInputProps(newFields.phone, { type: 'tel' }), autoComplete: 'off' }}
              />
              <Field
                label={t('assist.birthYear')}
                hint={t('assist.birthYearHint')}
                errors={newFields.birthYear.errors}
                inputProps={{
                  ...getInputProps(newFields.birthYear, { type: 'text' }),
                  inputMode: 'numeric',
                  autoComplete: 'off',
                }}
              />
              <button type="submit" className="button button--large">
                {t('assist.newSubmit')}
              </button>
            </Form>
          </section>
        </>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
