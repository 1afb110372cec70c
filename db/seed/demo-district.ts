/**
 * The demo district: streets, centres, services, four weeks of slots, residents,
 * bookings and announcements, all placed relative to `now` so the demo is always current.
 * The fixed data lives in demo-catalogue.ts; this file turns it into rows.
 */
import { addDays, isoWeekday, zonedDate, zonedDateTime } from '#app/domain/time.ts'
import { hashPassword } from '#app/utils/password.server.ts'
import type { Database, Transaction } from '#db/connect.server.ts'
import type { BookingStatus, ConcessionKind } from '#db/schema/index.ts'
import * as schema from '#db/schema/index.ts'
import { insertDemoFeedback } from './demo-feedback.ts'
import type {
  CentreSeed,
  ClassMeeting,
  OpeningException,
  ServiceTemplate,
  StreetSlug,
} from '#db/seed/demo-catalogue.ts'
import {
  centreCatalogue,
  district,
  givenNamesByGeneration,
  inspectionChecklist,
  serviceTemplates,
  streetCatalogue,
  surnames,
  TIME_ZONE,
} from '#db/seed/demo-catalogue.ts'

const DEMO_PASSWORD = 'linli-demo-2026'

/** The accounts a demo visitor logs in with (listed in the README and used by tests). */
export const demoAccounts = [
  {
    role: 'resident',
    login: '13800000001',
    password: DEMO_PASSWORD,
    nameZh: '王小梅',
    nameEn: 'Wang Xiaomei',
    noteZh: '望江街道居民，可为82岁的父亲王建国代订',
    noteEn: 'Lives in Wangjiang Subdistrict; books for her father Wang Jianguo, 82',
  },
  {
    role: 'operator',
    login: '13800000002',
    password: DEMO_PASSWORD,
    nameZh: '李运营',
    nameEn: 'Li Yunying',
    noteZh: '运营望江、江畔两个邻里中心',
    noteEn: 'Runs the Wangjiang and Jiangpan centres',
  },
  {
    role: 'street_staff',
    login: '13800000003',
    password: DEMO_PASSWORD,
    nameZh: '张街道',
    nameEn: 'Zhang Jiedao',
    noteZh: '望江街道办事处工作人员',
    noteEn: 'Works at the Wangjiang Subdistrict office',
  },
  {
    role: 'district_admin',
    login: 'admin@linli.example',
    password: DEMO_PASSWORD,
    nameZh: '陈区管',
    nameEn: 'Chen Quguan',
    noteZh: '滨河区管理员',
    noteEn: 'Binhe District administrator',
  },
] as const

const SLOT_DAYS = 28
const SYNTHETIC_RESIDENTS = 60
const CHUNK_SIZE = 500
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

type Random = () => number
type BookingRow = typeof schema.bookings.$inferInsert

interface CentreRef {
  id: number
  streetId: number
  seed: CentreSeed
  /** Exceptions by calendar date. */
  exceptions: Map<string, OpeningException>
}

interface Places {
  districtId: number
  streetIds: Record<StreetSlug, number>
  centres: CentreRef[]
}

/** Someone who can attend: an account holder, or a household member booked for. */
interface Attendee {
  key: string
  userId: number | null
  memberId: number | null
  bookedByUserId: number
  birthYear: number
  homeStreetId: number
  lowIncomeVerified: boolean
}

interface People {
  resident: Attendee
  father: Attendee
  operatorId: number
  streetStaffId: number
  adminId: number
  synthetic: Attendee[]
}

interface OfferedService {
  id: number
  slug: string
  centre: CentreRef
  template: ServiceTemplate
}

interface SlotRef {
  id: number
  service: OfferedService
  date: string
  startsAt: Date
  endsAt: Date
  capacity: number
}

export async function seedDemoDistrict(db: Database, options: { now: Date }): Promise<void> {
  const { now } = options
  const today = zonedDate(now, TIME_ZONE)
  // Argon2 is slow on purpose: hash once and give every demo account the same hash.
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  // A fixed seed: the demo looks the same every time it is seeded at the same moment.
  const random = mulberry32(20_261_127)

  await db.transaction(async (tx) => {
    const places = await insertPlaces(tx, today)
    const people = await insertPeople(tx, places, passwordHash, today, random)
    const services = await insertServices(tx, places)
    const slots = await insertSlots(tx, services, today, now)
    await insertBookings(tx, slots, people, now, random)
    await insertDemoFeedback(tx, {
      now,
      demoResidentPhone: demoAccounts[0].login,
      demoOperatorPhone: demoAccounts[1].login,
    })
    await insertAnnouncements(tx, places, people, slots, today)
    await insertInspections(tx, places, people, today, now)
  })
}

// ---------------------------------------------------------------------------------------
// Places
// ---------------------------------------------------------------------------------------

async function insertPlaces(tx: Transaction, today: string): Promise<Places> {
  const [districtRow] = await tx.insert(schema.districts).values(district).returning({ id: schema.districts.id })
  const districtId = must(districtRow, 'district').id

  const streetRows = await tx
    .insert(schema.streets)
    .values(streetCatalogue.map((street) => ({ ...street, districtId })))
    .returning({ id: schema.streets.id, slug: schema.streets.slug })
  const streetIds = {} as Record<StreetSlug, number>
  for (const street of streetCatalogue) {
    streetIds[street.slug] = must(
      streetRows.find((row) => row.slug === street.slug),
      street.slug,
    ).id
  }

  const centreRows = await tx
    .insert(schema.centres)
    .values(
      centreCatalogue.map((centre) => ({
        streetId: streetIds[centre.street],
        slug: centre.slug,
        nameZh: centre.nameZh,
        nameEn: centre.nameEn,
        addressZh: centre.addressZh,
        addressEn: centre.addressEn,
        descriptionZh: centre.descriptionZh,
        descriptionEn: centre.descriptionEn,
        latitude: centre.latitude,
        longitude: centre.longitude,
        phone: centre.phone,
        timeZone: TIME_ZONE,
        facilities: centre.facilities,
        catchmentPopulation: centre.catchmentPopulation,
      })),
    )
    .returning({ id: schema.centres.id, slug: schema.centres.slug })

  const centres = centreCatalogue.map((seed) => ({
    id: must(
      centreRows.find((row) => row.slug === seed.slug),
      seed.slug,
    ).id,
    streetId: streetIds[seed.street],
    seed,
    exceptions: new Map(seed.exceptions.map((exception) => [addDays(today, exception.inDays), exception])),
  }))

  await tx.insert(schema.centreOpeningHours).values(
    centres.flatMap((centre) =>
      centre.seed.hours.flatMap((period) =>
        period.weekdays.map((weekday) => ({
          centreId: centre.id,
          weekday,
          opensAt: period.opens,
          closesAt: period.closes,
        })),
      ),
    ),
  )
  await tx.insert(schema.centreOpeningExceptions).values(
    centres.flatMap((centre) =>
      [...centre.exceptions].map(([date, exception]) => ({
        centreId: centre.id,
        date,
        closed: !exception.hours,
        opensAt: exception.hours?.opens ?? null,
        closesAt: exception.hours?.closes ?? null,
        reasonZh: exception.reasonZh,
        reasonEn: exception.reasonEn,
      })),
    ),
  )
  return { districtId, streetIds, centres }
}

/** The periods a centre is open on a date, its dated exceptions included. */
function openingOn(centre: CentreRef, date: string): { opens: string; closes: string }[] {
  const exception = centre.exceptions.get(date)
  if (exception) return exception.hours ? [exception.hours] : []
  return regularOpening(centre.seed, isoWeekday(date))
}

function regularOpening(centre: CentreSeed, weekday: number): { opens: string; closes: string }[] {
  return centre.hours.filter((period) => (period.weekdays as number[]).includes(weekday))
}

function fitsIn(periods: { opens: string; closes: string }[], start: string, end: string): boolean {
  return periods.some((period) => period.opens <= start && end <= period.closes)
}

// ---------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------

async function insertPeople(
  tx: Transaction,
  places: Places,
  passwordHash: string,
  today: string,
  random: Random,
): Promise<People> {
  const [resident, operator, streetStaff, admin] = demoAccounts
  const firstStreetId = places.streetIds.wangjiang
  const currentYear = Number(today.slice(0, 4))

  const insertUser = async (values: Omit<typeof schema.users.$inferInsert, 'passwordHash'>) => {
    const [row] = await tx
      .insert(schema.users)
      .values({ ...values, passwordHash })
      .returning({ id: schema.users.id })
    return must(row, values.name).id
  }
  const residentId = await insertUser({
    phone: resident.login,
    name: resident.nameZh,
    birthYear: 1988,
    homeStreetId: firstStreetId,
    preferredLocale: 'zh-CN',
  })
  const operatorId = await insertUser({ phone: operator.login, name: operator.nameZh })
  const streetStaffId = await insertUser({ phone: streetStaff.login, name: streetStaff.nameZh })
  const adminId = await insertUser({ email: admin.login, name: admin.nameZh })

  const operatorCentres = places.centres.filter((centre) => centre.streetId === firstStreetId)
  await tx.insert(schema.roleGrants).values([
    { userId: adminId, role: 'district_admin' },
    { userId: streetStaffId, role: 'street_staff', streetId: firstStreetId, grantedByUserId: adminId },
    ...operatorCentres.map((centre) => ({
      userId: operatorId,
      role: 'operator' as const,
      centreId: centre.id,
      grantedByUserId: adminId,
    })),
  ])

  const fatherBirthYear = currentYear - 82
  const [fatherRow] = await tx
    .insert(schema.householdMembers)
    .values({
      ownerUserId: residentId,
      name: '王建国',
      relation: 'parent',
      birthYear: fatherBirthYear,
      homeStreetId: firstStreetId,
    })
    .returning({ id: schema.householdMembers.id })
  const fatherId = must(fatherRow, 'father').id

  const streetIds = Object.values(places.streetIds)
  const syntheticRows = syntheticResidents(random, streetIds).map((person) => ({ ...person, passwordHash }))
  const inserted = await tx.insert(schema.users).values(syntheticRows).returning({
    id: schema.users.id,
    birthYear: schema.users.birthYear,
    homeStreetId: schema.users.homeStreetId,
    lowIncomeVerified: schema.users.lowIncomeVerified,
  })

  return {
    resident: userAttendee({ id: residentId, birthYear: 1988, homeStreetId: firstStreetId, lowIncomeVerified: false }),
    father: {
      key: `m${fatherId}`,
      userId: null,
      memberId: fatherId,
      bookedByUserId: residentId,
      birthYear: fatherBirthYear,
      homeStreetId: firstStreetId,
      lowIncomeVerified: false,
    },
    operatorId,
    streetStaffId,
    adminId,
    synthetic: inserted.map(userAttendee),
  }
}

function userAttendee(user: {
  id: number
  birthYear: number | null
  homeStreetId: number | null
  lowIncomeVerified: boolean
}): Attendee {
  return {
    key: `u${user.id}`,
    userId: user.id,
    memberId: null,
    bookedByUserId: user.id,
    birthYear: must(user.birthYear, 'birth year'),
    homeStreetId: must(user.homeStreetId, 'home street'),
    lowIncomeVerified: user.lowIncomeVerified,
  }
}

/** Residents who fill the seats: a mix of ages (many older), spread over the streets. */
function syntheticResidents(random: Random, streetIds: number[]) {
  const usedNames = new Set<string>()
  return Array.from({ length: SYNTHETIC_RESIDENTS }, (_, index) => {
    // 45 % born 1940–1959, 25 % 1960–1984, 30 % 1985–2005.
    const band = index % 20
    const generation = band < 9 ? 'elder' : band < 14 ? 'middle' : 'young'
    const birthYear =
      generation === 'elder'
        ? 1940 + Math.floor(random() * 20)
        : generation === 'middle'
          ? 1960 + Math.floor(random() * 25)
          : 1985 + Math.floor(random() * 21)
    let name = ''
    do {
      name = pick(random, surnames) + pick(random, givenNamesByGeneration[generation])
    } while (usedNames.has(name))
    usedNames.add(name)
    return {
      phone: `139000000${String(index + 1).padStart(2, '0')}`,
      name,
      birthYear,
      homeStreetId: must(streetIds[index % streetIds.length], 'street'),
      preferredLocale: index % 15 === 7 ? ('en' as const) : ('zh-CN' as const),
      lowIncomeVerified: index % 13 === 5,
      elderMode: birthYear < 1950,
    }
  })
}

// ---------------------------------------------------------------------------------------
// Services and slots
// ---------------------------------------------------------------------------------------

async function insertServices(tx: Transaction, places: Places): Promise<OfferedService[]> {
  const offers = places.centres.flatMap((centre) =>
    centre.seed.offers.map(([slug, timetable = 0]) => ({
      centre,
      slug,
      template: withTimetable(serviceTemplates[slug], timetable),
    })),
  )
  const rows = await tx
    .insert(schema.services)
    .values(offers.map(({ centre, slug, template }) => serviceRow(centre.id, slug, template)))
    .returning({ id: schema.services.id, centreId: schema.services.centreId, slug: schema.services.slug })
  const services = offers.map((offer) => ({
    ...offer,
    id: must(
      rows.find((row) => row.centreId === offer.centre.id && row.slug === offer.slug),
      `${offer.centre.seed.slug}/${offer.slug}`,
    ).id,
  }))

  const concessions = services.flatMap((service) =>
    Object.entries(service.template.concessions ?? {}).map(([kind, priceFen]) => ({
      serviceId: service.id,
      kind: kind as ConcessionKind,
      priceFen,
    })),
  )
  if (concessions.length > 0) await tx.insert(schema.serviceConcessions).values(concessions)
  return services
}

/** The template with only the chosen timetable (or desk hours) left, so callers see one. */
function withTimetable(template: ServiceTemplate, index: number): ServiceTemplate {
  const choose = <T>(options: T[][]): T[][] => [must(options[index], `${template.nameEn} timetable ${index}`)]
  if (template.bookingMode === 'class') return { ...template, timetables: choose(template.timetables) }
  if (template.bookingMode === 'appointment') return { ...template, deskHours: choose(template.deskHours) }
  return template
}

function serviceRow(centreId: number, slug: string, template: ServiceTemplate): typeof schema.services.$inferInsert {
  return {
    centreId,
    slug,
    category: template.category,
    bookingMode: template.bookingMode,
    nameZh: template.nameZh,
    nameEn: template.nameEn,
    summaryZh: template.summaryZh,
    summaryEn: template.summaryEn,
    descriptionZh: template.descriptionZh,
    descriptionEn: template.descriptionEn,
    whatToBringZh: template.whatToBringZh,
    whatToBringEn: template.whatToBringEn,
    locationZh: template.locationZh,
    locationEn: template.locationEn,
    minAge: template.minAge ?? null,
    maxAge: template.maxAge ?? null,
    residentsOnly: template.residentsOnly ?? false,
    priceFen: template.priceFen ?? 0,
    counters: template.bookingMode === 'appointment' ? template.counters : null,
    slotMinutes: template.bookingMode === 'appointment' ? template.slotMinutes : null,
    bookingOpensDaysBefore: template.bookingOpensDaysBefore,
    bookingClosesHoursBefore: template.bookingClosesHoursBefore,
    cancelCutoffHours: template.cancelCutoffHours,
    maxActivePerPerson: template.maxActivePerPerson,
    maxPerDayPerPerson: template.maxPerDayPerPerson ?? null,
  }
}

interface PlannedSlot {
  service: OfferedService
  date: string
  start: string
  end: string
  capacity: number
  /** Class meetings belong to a weekly series, as if an operator had created them. */
  meeting?: ClassMeeting
}

/** The next SLOT_DAYS days of slots for every class and appointment service. */
async function insertSlots(tx: Transaction, services: OfferedService[], today: string, now: Date): Promise<SlotRef[]> {
  const dates = Array.from({ length: SLOT_DAYS }, (_, index) => addDays(today, index))
  // zonedDateTime builds Intl formatters on each call; a few hundred distinct moments recur.
  const instants = new Map<string, Date>()
  const instant = (date: string, time: string) => {
    const key = `${date} ${time}`
    let value = instants.get(key)
    if (!value) instants.set(key, (value = zonedDateTime(date, time, TIME_ZONE)))
    return value
  }

  // One series per weekly class meeting, skipping the dates the centre is closed.
  const meetings = services.flatMap((service) =>
    service.template.bookingMode === 'class'
      ? service.template.timetables.flat().map((meeting) => ({ service, meeting }))
      : [],
  )
  const seriesRows = await insertInChunks(
    meetings.map(({ service, meeting }) => ({
      serviceId: service.id,
      weekdays: meeting.weekdays,
      startTime: meeting.start,
      durationMinutes: meeting.minutes,
      fromDate: today,
      untilDate: dates[dates.length - 1] ?? today,
      capacity: meeting.capacity,
      skipDates: dates.filter(
        (date) =>
          (meeting.weekdays as number[]).includes(isoWeekday(date)) &&
          !fitsIn(openingOn(service.centre, date), meeting.start, addMinutes(meeting.start, meeting.minutes)),
      ),
    })),
    (chunk) =>
      tx.insert(schema.slotSeries).values(chunk).returning({
        id: schema.slotSeries.id,
        serviceId: schema.slotSeries.serviceId,
        startTime: schema.slotSeries.startTime,
        weekdays: schema.slotSeries.weekdays,
      }),
  )
  const seriesKey = (serviceId: number, startTime: string, weekdays: number[]) =>
    `${serviceId}|${startTime.slice(0, 5)}|${weekdays.join()}`
  const seriesIds = new Map(seriesRows.map((row) => [seriesKey(row.serviceId, row.startTime, row.weekdays), row.id]))

  // Slots that have already started today are left out.
  const upcoming = services
    .flatMap((service) => dates.flatMap((date) => slotsOn(service, date)))
    .map((slot) => ({ ...slot, startsAt: instant(slot.date, slot.start), endsAt: instant(slot.date, slot.end) }))
    .filter((slot) => slot.startsAt > now)
  const rows = await insertInChunks(
    upcoming.map((slot) => ({
      serviceId: slot.service.id,
      seriesId: slot.meeting
        ? seriesIds.get(seriesKey(slot.service.id, slot.meeting.start, slot.meeting.weekdays))
        : null,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      capacity: slot.capacity,
    })),
    (chunk) =>
      tx
        .insert(schema.slots)
        .values(chunk)
        .returning({ id: schema.slots.id, serviceId: schema.slots.serviceId, startsAt: schema.slots.startsAt }),
  )
  const slotKey = (serviceId: number, startsAt: Date) => `${serviceId}|${startsAt.getTime()}`
  const ids = new Map(rows.map((row) => [slotKey(row.serviceId, row.startsAt), row.id]))
  return upcoming.map((slot) => ({
    id: must(ids.get(slotKey(slot.service.id, slot.startsAt)), 'slot id'),
    service: slot.service,
    date: slot.date,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    capacity: slot.capacity,
  }))
}

/** A service's slots on one date; none where the centre is closed for that time. */
function slotsOn(service: OfferedService, date: string): PlannedSlot[] {
  const { template, centre } = service
  const weekday = isoWeekday(date)
  const openPeriods = openingOn(centre, date)
  const slots: PlannedSlot[] = []
  const add = (slot: PlannedSlot) => {
    // A catalogue timetable outside a centre's regular hours is a mistake in the data.
    if (!fitsIn(regularOpening(centre.seed, weekday), slot.start, slot.end)) {
      throw new Error(
        `Demo seed: ${centre.seed.slug}/${service.slug} at ${slot.start} on weekday ${weekday} is outside opening hours`,
      )
    }
    if (fitsIn(openPeriods, slot.start, slot.end)) slots.push(slot)
  }

  if (template.bookingMode === 'class') {
    for (const meeting of template.timetables.flat()) {
      if (!(meeting.weekdays as number[]).includes(weekday)) continue
      add({
        service,
        date,
        start: meeting.start,
        end: addMinutes(meeting.start, meeting.minutes),
        capacity: meeting.capacity,
        meeting,
      })
    }
  } else if (template.bookingMode === 'appointment') {
    for (const hours of template.deskHours.flat()) {
      if (!(hours.weekdays as number[]).includes(weekday)) continue
      // One slot per window of slotMinutes; its capacity is the number of counters.
      for (
        let start = hours.from;
        addMinutes(start, template.slotMinutes) <= hours.until;
        start = addMinutes(start, template.slotMinutes)
      ) {
        add({ service, date, start, end: addMinutes(start, template.slotMinutes), capacity: template.counters })
      }
    }
  }
  return slots
}

// ---------------------------------------------------------------------------------------
// Bookings
// ---------------------------------------------------------------------------------------

/**
 * Keeps the bookings being planned within the rules the app enforces (capacity, one
 * active booking per attendee and slot, per-person limits, eligibility), so the demo
 * data looks like the app made it.
 */
class BookingPlanner {
  readonly rows: BookingRow[] = []
  private readonly seats = new Map<number, number>()
  private readonly activeKeys = new Set<string>()
  private readonly activeCounts = new Map<string, number>()

  seatsTaken(slot: SlotRef): number {
    return this.seats.get(slot.id) ?? 0
  }

  canBook(slot: SlotRef, attendee: Attendee): boolean {
    const { template, centre } = slot.service
    const { youngest, oldest } = ageOn(attendee, slot.date)
    if (template.minAge !== undefined && youngest < template.minAge) return false
    if (template.maxAge !== undefined && oldest > template.maxAge) return false
    if (template.residentsOnly && attendee.homeStreetId !== centre.streetId) return false
    if (this.activeKeys.has(`${slot.id}|${attendee.key}`)) return false
    if ((this.activeCounts.get(`${slot.service.id}|${attendee.key}`) ?? 0) >= template.maxActivePerPerson) return false
    const perDay = template.maxPerDayPerPerson
    return (
      perDay === undefined || (this.activeCounts.get(`${slot.service.id}|${attendee.key}|${slot.date}`) ?? 0) < perDay
    )
  }

  add(
    slot: SlotRef,
    attendee: Attendee,
    status: Extract<BookingStatus, 'confirmed' | 'waitlisted' | 'cancelled'>,
    times: { queuedAt: Date; cancelledAt?: Date },
    assistedByUserId: number | null = null,
  ): void {
    const { queuedAt, cancelledAt = null } = times
    if ((status === 'cancelled') !== (cancelledAt !== null))
      throw new Error('Demo seed: cancelledAt goes with cancelled')
    if (status === 'confirmed') {
      if (this.seatsTaken(slot) >= slot.capacity) throw new Error(`Demo seed: slot ${slot.id} is already full`)
      this.seats.set(slot.id, this.seatsTaken(slot) + 1)
    }
    if (status !== 'cancelled') {
      this.activeKeys.add(`${slot.id}|${attendee.key}`)
      for (const key of [`${slot.service.id}|${attendee.key}`, `${slot.service.id}|${attendee.key}|${slot.date}`]) {
        this.activeCounts.set(key, (this.activeCounts.get(key) ?? 0) + 1)
      }
    }
    const { priceFen, concession } = priceFor(slot, attendee)
    this.rows.push({
      reference: bookingReference(this.rows.length + 1),
      slotId: slot.id,
      bookedByUserId: attendee.bookedByUserId,
      attendeeUserId: attendee.userId,
      attendeeMemberId: attendee.memberId,
      status,
      queuedAt,
      createdAt: queuedAt,
      // A cancelled booking was confirmed before it was cancelled.
      confirmedAt: status === 'waitlisted' ? null : queuedAt,
      cancelledAt,
      assistedByUserId,
      priceFen,
      concession,
      payAtCentre: priceFen > 0,
    })
  }
}

/** Only the birth year is known: the attendee's age on `date` is one of these two. */
function ageOn(attendee: Attendee, date: string): { youngest: number; oldest: number } {
  const oldest = Number(date.slice(0, 4)) - attendee.birthYear
  return { youngest: oldest - 1, oldest }
}

/** The lowest price the attendee qualifies for, as the app would charge it. */
function priceFor(slot: SlotRef, attendee: Attendee): { priceFen: number; concession: ConcessionKind | null } {
  const { template } = slot.service
  // Age concessions only where the attendee certainly qualifies.
  const age = ageOn(attendee, slot.date).youngest
  let best: { priceFen: number; concession: ConcessionKind | null } = {
    priceFen: template.priceFen ?? 0,
    concession: null,
  }
  for (const [kind, priceFen] of Object.entries(template.concessions ?? {}) as [ConcessionKind, number][]) {
    const qualifies =
      (kind === 'age_60' && age >= 60) ||
      (kind === 'age_80' && age >= 80) ||
      (kind === 'low_income' && attendee.lowIncomeVerified)
    if (qualifies && priceFen < best.priceFen) best = { priceFen, concession: kind }
  }
  return best
}

async function insertBookings(
  tx: Transaction,
  slots: SlotRef[],
  people: People,
  now: Date,
  random: Random,
): Promise<void> {
  const planner = new BookingPlanner()
  const residents = people.synthetic
  const centreRank = (slot: SlotRef) => centreCatalogue.indexOf(slot.service.centre.seed)
  const byCentreThenTime = (a: SlotRef, b: SlotRef) =>
    centreRank(a) - centreRank(b) || a.startsAt.getTime() - b.startsAt.getTime()
  // "This week", but at least a day ahead, so the journeys still work a while after seeding.
  const thisWeek = (slot: SlotRef) =>
    slot.startsAt.getTime() >= now.getTime() + DAY && slot.startsAt.getTime() < now.getTime() + 7 * DAY

  // The resident journey: a yoga class this week at the first centre that has one, 3 seats left.
  const yoga = must(
    slots.filter((slot) => slot.service.slug === 'yoga' && thisWeek(slot)).sort(byCentreThenTime)[0],
    'a yoga class in the next 7 days',
  )
  bookExactly(planner, yoga, residents, yoga.capacity - 3, 0, now, random)

  // Exactly one full class with two people waiting: the smallest fitness or culture class
  // this week at the first centre.
  const full = must(
    slots
      .filter(
        (slot) =>
          slot.id !== yoga.id &&
          slot.service.template.bookingMode === 'class' &&
          (slot.service.template.category === 'fitness' || slot.service.template.category === 'culture') &&
          thisWeek(slot),
      )
      .sort((a, b) => centreRank(a) - centreRank(b) || a.capacity - b.capacity || byCentreThenTime(a, b))[0],
    'a fitness or culture class in the next 7 days',
  )
  bookExactly(planner, full, residents, full.capacity, 2, now, random)

  // Wang Xiaomei booked yesterday: a course for herself and lunch for her father.
  const bookedYesterday = (attendee: Attendee, serviceSlug: string, leadHours: number, minutesPast: number) => {
    const queuedAt = new Date(now.getTime() - DAY + minutesPast * MINUTE)
    const slot = must(
      slots.find(
        (candidate) =>
          centreRank(candidate) === 0 &&
          candidate.service.slug === serviceSlug &&
          candidate.startsAt.getTime() >= now.getTime() + leadHours * HOUR &&
          candidate.startsAt.getTime() - candidate.service.template.bookingOpensDaysBefore * DAY <=
            queuedAt.getTime() &&
          planner.canBook(candidate, attendee),
      ),
      `an upcoming ${serviceSlug} slot for ${attendee.key}`,
    )
    planner.add(slot, attendee, 'confirmed', { queuedAt })
  }
  bookedYesterday(people.resident, 'livestream-ecommerce', 48, 0)
  bookedYesterday(people.father, 'canteen-lunch', 12, 5)

  // Everyone else books ahead as far as each service allows; sooner slots are fuller.
  for (const slot of slots) {
    if (slot.id === yoga.id || slot.id === full.id) continue
    const { template } = slot.service
    const daysAhead = (slot.startsAt.getTime() - now.getTime()) / DAY
    if (daysAhead > template.bookingOpensDaysBefore) continue
    const demand = template.bookingMode === 'appointment' ? 0.45 : 0.85
    const closeness = 1 - (0.5 * daysAhead) / template.bookingOpensDaysBefore
    const wanted = Math.round(slot.capacity * demand * closeness * (0.3 + 0.9 * random()))
    // Never full: the slot above is the only full one.
    let target = Math.min(slot.capacity - 1, wanted) - planner.seatsTaken(slot)
    // Keep "the yoga class this week with 3 seats left" the only one.
    if (slot.service.slug === 'yoga' && daysAhead < 7 && slot.capacity - target === 3) target -= 1
    if (target > 0) bookSome(planner, slot, residents, target, people.operatorId, now, random)
  }

  await insertInChunks(planner.rows, (chunk) =>
    tx.insert(schema.bookings).values(chunk).returning({ id: schema.bookings.id }),
  )
}

/** Exactly `confirmed` seats and then `waitlisted` places, or an error. */
function bookExactly(
  planner: BookingPlanner,
  slot: SlotRef,
  residents: Attendee[],
  confirmed: number,
  waitlisted: number,
  now: Date,
  random: Random,
): void {
  const candidates = candidatesFor(planner, slot, residents, random)
  const times = bookingTimes(slot, confirmed + waitlisted, now, random)
  if (candidates.length < times.length || times.length < confirmed + waitlisted) {
    throw new Error(`Demo seed: cannot place ${confirmed} + ${waitlisted} bookings on slot ${slot.id}`)
  }
  // Times are in order, so the waitlist queues behind the confirmed seats.
  times.forEach((queuedAt, index) => {
    planner.add(slot, must(candidates[index], 'candidate'), index < confirmed ? 'confirmed' : 'waitlisted', {
      queuedAt,
    })
  })
}

/**
 * Up to `count` confirmed seats, as many as eligible residents allow. Now and then
 * someone books and cancels, and the operator books for an older walk-in (代办).
 */
function bookSome(
  planner: BookingPlanner,
  slot: SlotRef,
  residents: Attendee[],
  count: number,
  operatorId: number,
  now: Date,
  random: Random,
): void {
  const times = bookingTimes(slot, count, now, random)
  const operatorRunsCentre = slot.service.centre.seed.street === 'wangjiang'
  let placed = 0
  for (const attendee of candidatesFor(planner, slot, residents, random)) {
    const queuedAt = times[placed]
    if (!queuedAt) break
    if (random() < 0.06) {
      // Changed their mind a few hours later (but not after now).
      const cancelledAt = new Date(Math.min(queuedAt.getTime() + 3 * HOUR, now.getTime() - MINUTE))
      planner.add(slot, attendee, 'cancelled', { queuedAt, cancelledAt })
      continue
    }
    const assisted = operatorRunsCentre && attendee.birthYear < 1950 && random() < 0.3
    planner.add(slot, attendee, 'confirmed', { queuedAt }, assisted ? operatorId : null)
    placed++
  }
}

/** Residents who may book the slot, in a shuffled order with the centre's neighbours first. */
function candidatesFor(planner: BookingPlanner, slot: SlotRef, residents: Attendee[], random: Random): Attendee[] {
  const streetId = slot.service.centre.streetId
  return shuffle(random, residents)
    .sort((a, b) => Number(a.homeStreetId !== streetId) - Number(b.homeStreetId !== streetId))
    .filter((attendee) => planner.canBook(slot, attendee))
}

/** `count` moments, in order, while booking was open and before now (none if it never was). */
function bookingTimes(slot: SlotRef, count: number, now: Date, random: Random): Date[] {
  const { template } = slot.service
  const opened = slot.startsAt.getTime() - template.bookingOpensDaysBefore * DAY
  const earliest = Math.max(opened, now.getTime() - 14 * DAY)
  const latest = Math.min(
    now.getTime() - 10 * MINUTE,
    slot.startsAt.getTime() - template.bookingClosesHoursBefore * HOUR,
  )
  if (latest <= earliest) return []
  return Array.from({ length: count }, () => Math.floor((earliest + random() * (latest - earliest)) / 1000) * 1000)
    .sort((a, b) => a - b)
    .map((time) => new Date(time))
}

// ---------------------------------------------------------------------------------------
// Announcements
// ---------------------------------------------------------------------------------------

async function insertAnnouncements(
  tx: Transaction,
  places: Places,
  people: People,
  slots: SlotRef[],
  today: string,
): Promise<void> {
  const at = (date: string, time: string) => zonedDateTime(date, time, TIME_ZONE)
  const street = places.streetIds.wangjiang
  const [wangjiang, jiangpan] = places.centres.filter((centre) => centre.streetId === street)
  const mainCentre = must(wangjiang, 'first centre')
  const secondCentre = must(jiangpan, 'second centre')

  // Dates the notices mention, taken from the data they describe.
  const briefingDate = firstDateFrom(addDays(today, 3), (date) => [2, 4].includes(isoWeekday(date)))
  const waterDate = addDays(today, 5)
  const filmSlot = slots.find((slot) => slot.service.centre.id === mainCentre.id && slot.service.slug === 'film-night')
  const filmDate = filmSlot?.date ?? firstDateFrom(addDays(today, 1), (date) => isoWeekday(date) === 5)
  const closureDate = must(
    [...secondCentre.exceptions].find(([, exception]) => !exception.hours)?.[0],
    'a closure at the second centre',
  )
  const nextMonday = firstDateFrom(addDays(today, 1), (date) => isoWeekday(date) === 1)

  const published = (daysAgo: number, time: string) => {
    const publishedAt = at(addDays(today, -daysAgo), time)
    return { status: 'published' as const, publishedAt }
  }
  const liftPublished = published(3, '09:00')

  const rows: (Omit<typeof schema.announcements.$inferInsert, 'districtId'> & { centreId?: number })[] = [
    {
      ...liftPublished,
      streetId: street,
      authorUserId: people.streetStaffId,
      category: 'notice',
      // Pinned for a week from publishing.
      pinnedUntil: new Date(liftPublished.publishedAt.getTime() + 7 * DAY),
      titleZh: '老旧小区加装电梯：政策说明会和意见征集',
      titleEn: 'Lifts for older residential blocks: information session and consultation',
      bodyZh: [
        '望江街道2000年以前建成、没有电梯的多层住宅，今年可以申请**加装电梯**。',
        '## 政策要点',
        '- 每台电梯政府最高补助 **20万元**，其余费用由本单元业主按楼层协商分摊\n- 加装需经本单元业主依法表决同意，并在小区内公示\n- 街道提供全程帮办：方案设计、审批手续、施工监管',
        `## 政策说明会\n\n- 时间：${dateZh(briefingDate)} 19:00\n- 地点：望江邻里中心 2楼多功能厅\n- 住建部门和电梯企业现场答疑，欢迎楼道长和业主参加`,
        '咨询电话：0571-86020110（工作日 8:30–17:00）',
      ].join('\n\n'),
      bodyEn: [
        'Blocks of flats in Wangjiang Subdistrict built before 2000 without a lift can now apply to **have one installed**.',
        '## Key points',
        '- The government pays up to **¥200,000** per lift; owners in the stairwell share the rest, usually by floor\n- Owners in the stairwell vote on it as the law requires, and the plan is posted in the compound\n- The subdistrict office helps all the way: design, approvals and supervision of the works',
        `## Information session\n\n- When: ${dateEn(briefingDate)}, 19:00\n- Where: Wangjiang Neighbourhood Centre, 2F multi-purpose hall\n- Officials from the housing bureau and lift companies will answer questions; stairwell heads and owners are welcome`,
        'Questions: 0571-86020110 (weekdays 8:30–17:00)',
      ].join('\n\n'),
    },
    {
      ...published(2, '10:30'),
      streetId: street,
      authorUserId: people.streetStaffId,
      category: 'event',
      titleZh: '65岁及以上老年人免费健康体检开始预约',
      titleEn: 'Free health checks for residents aged 65 and over',
      bodyZh: [
        '今年的老年人免费健康体检开始了。户籍或常住在望江街道、年满 **65周岁** 的老人，每年可以免费体检一次。',
        '**检查项目**：血压、血糖、血脂、心电图、肝肾功能，家庭医生当场解读结果并更新健康档案。',
        '**怎么预约**：在「养老服务 → 健康检查」中选择望江邻里中心的时段，子女也可以替父母预约。需要抽血的请空腹前来。',
        '行动不便的老人，可以在江畔邻里中心预约 **上门探访**，由社工和家庭医生上门服务。',
        '请带好身份证和医保卡。',
      ].join('\n\n'),
      bodyEn: [
        'This year’s free health checks have started. Residents of Wangjiang Subdistrict aged **65 and over** can have one free check a year.',
        '**What is checked**: blood pressure, blood sugar, cholesterol, ECG, liver and kidney function; a family doctor explains the results and updates your health record.',
        '**How to book**: choose a time at the Wangjiang centre under “Elder care → Health check”; sons and daughters can book for their parents. Come fasting if blood is to be taken.',
        'If getting out is hard, book a **home visit** at the Jiangpan centre and a social worker and family doctor will come to you.',
        'Please bring your ID card and medical-insurance card.',
      ].join('\n\n'),
    },
    {
      ...published(1, '16:00'),
      streetId: street,
      centreId: mainCentre.id,
      authorUserId: people.streetStaffId,
      category: 'event',
      expiresAt: at(filmDate, '21:00'),
      titleZh: '电影之夜：《城南旧事》',
      titleEn: 'Film night: My Memories of Old Beijing',
      bodyZh: [
        `${dateZh(filmDate)} 18:30，望江邻里中心2楼多功能厅放映经典影片 **《城南旧事》**（1983年，片长约95分钟）。`,
        '这部电影是上个月居民投票的第一名。免费入场，凭预约就座，共30个座位；开场10分钟后空出的座位让给现场排队的居民。',
        '在「文化服务 → 电影之夜」预约座位。',
      ].join('\n\n'),
      bodyEn: [
        `On ${dateEn(filmDate)} at 18:30 the 2F multi-purpose hall of the Wangjiang centre shows the classic **My Memories of Old Beijing** (1983, about 95 minutes).`,
        'It topped last month’s residents’ vote. Entry is free with a booked seat (30 seats); seats still empty ten minutes after the start go to people queuing at the door.',
        'Book a seat under “Culture → Film night”.',
      ].join('\n\n'),
    },
    {
      ...published(4, '15:00'),
      streetId: null,
      authorUserId: people.adminId,
      category: 'service_change',
      titleZh: '冬季供水管网防冻检修，部分小区临时停水',
      titleEn: 'Winter water-main maintenance: supply interrupted in some compounds',
      bodyZh: [
        `为防止冬季低温冻裂管道，区水务公司将于 **${dateZh(waterDate)} 9:00–15:00** 检修供水管网，期间以下区域停水：`,
        '- 望江路以东、江畔路沿线小区\n- 柳岸街老街片区\n- 云溪路18号至66号',
        '请提前储好用水，检修结束后放水几分钟再饮用。各邻里中心照常开放，长者食堂正常供餐，需要帮助的独居老人请联系所在社区。',
      ].join('\n\n'),
      bodyEn: [
        `To protect pipes against winter frost, the district water company will service the water mains on **${dateEn(waterDate)}, 9:00–15:00**. Water will be off in:`,
        '- compounds east of Wangjiang Road and along Jiangpan Road\n- the Liu’an Old Street area\n- 18 to 66 Yunxi Road',
        'Please store water beforehand and run the tap for a few minutes before drinking afterwards. All neighbourhood centres stay open and the canteens serve lunch as usual; older people living alone who need help can call their community office.',
      ].join('\n\n'),
    },
    {
      ...published(1, '17:30'),
      streetId: street,
      centreId: secondCentre.id,
      authorUserId: people.streetStaffId,
      category: 'urgent',
      expiresAt: at(addDays(closureDate, 1), '00:00'),
      titleZh: `江畔邻里中心${dateZh(closureDate)}临时闭馆`,
      titleEn: `Jiangpan Neighbourhood Centre closed on ${dateEn(closureDate)}`,
      bodyZh: [
        `因配电设备紧急检修，江畔邻里中心 **${dateZh(closureDate)}全天闭馆**，当天不安排课程和预约服务。`,
        '长者食堂当天暂停供餐，望江邻里中心长者食堂（望江路188号）照常营业。需要送餐的80岁以上独居老人，请致电 0571-86035620。',
        `${dateZh(addDays(closureDate, 1))}起恢复正常开放。给大家带来不便，敬请谅解。`,
      ].join('\n\n'),
      bodyEn: [
        `Because of urgent electrical repairs, Jiangpan Neighbourhood Centre is **closed all day on ${dateEn(closureDate)}**; no classes or appointments are scheduled that day.`,
        'The canteen is closed too; the canteen at Wangjiang Neighbourhood Centre (188 Wangjiang Road) is open as usual. People aged 80+ living alone who need a meal delivered, please call 0571-86035620.',
        `The centre reopens as normal on ${dateEn(addDays(closureDate, 1))}. We are sorry for the inconvenience.`,
      ].join('\n\n'),
    },
    {
      // Written ahead and not yet visible: it goes out on Monday morning.
      status: 'scheduled',
      publishAt: at(nextMonday, '08:00'),
      streetId: street,
      authorUserId: people.streetStaffId,
      category: 'notice',
      titleZh: '招募居民自治团队：一起把邻里中心办得更好',
      titleEn: 'Start a residents’ group at your neighbourhood centre',
      bodyZh: [
        '望江街道欢迎居民自己组织的兴趣团队、志愿服务队和议事小组（三自组织）到邻里中心开展活动。',
        '- 免费使用多功能厅、书画室等场地\n- 街道提供活动经费补贴和骨干培训\n- 优秀团队年底参加“最美邻里团队”评选',
        '报名：到望江或江畔邻里中心服务台填表，或致电 0571-86020110。',
      ].join('\n\n'),
      bodyEn: [
        'Wangjiang Subdistrict invites residents’ own hobby groups, volunteer teams and discussion groups to meet at the neighbourhood centres.',
        '- Free use of the multi-purpose hall, the painting room and other rooms\n- Grants for activities and training for group leaders\n- The best groups are nominated for the year-end “Best Neighbourhood Team” award',
        'Sign up at the front desk of the Wangjiang or Jiangpan centre, or call 0571-86020110.',
      ].join('\n\n'),
    },
  ]

  for (const { centreId, ...row } of rows) {
    const [inserted] = await tx
      .insert(schema.announcements)
      .values({ ...row, districtId: places.districtId })
      .returning({ id: schema.announcements.id })
    if (centreId !== undefined) {
      await tx
        .insert(schema.announcementCentres)
        .values({ announcementId: must(inserted, 'announcement').id, centreId })
    }
  }
}

// ---------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------

/** mulberry32: a tiny seeded pseudo-random generator, uniform in [0, 1). */
function mulberry32(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

function pick<T>(random: Random, items: readonly T[]): T {
  return must(items[Math.floor(random() * items.length)], 'item')
}

/** A shuffled copy (Fisher–Yates). */
function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items]
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    ;[copy[index], copy[other]] = [copy[other] as T, copy[index] as T]
  }
  return copy
}

// No 0/O, 1/I/L: references are read out over the phone and typed in at the desk.
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const REFERENCE_SPACE = REFERENCE_ALPHABET.length ** 6

/** "LL" and six characters; n ↦ code is one-to-one, and consecutive n look unrelated. */
function bookingReference(n: number): string {
  let value = (n * 387_420_489 + 104_729) % REFERENCE_SPACE
  let code = ''
  for (let digit = 0; digit < 6; digit++) {
    code = REFERENCE_ALPHABET.charAt(value % REFERENCE_ALPHABET.length) + code
    value = Math.floor(value / REFERENCE_ALPHABET.length)
  }
  return `LL${code}`
}

function addMinutes(time: string, minutes: number): string {
  const [hours = 0, mins = 0] = time.split(':').map(Number)
  const total = hours * 60 + mins + minutes
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`
}

function firstDateFrom(date: string, matches: (date: string) => boolean): string {
  let candidate = date
  while (!matches(candidate)) candidate = addDays(candidate, 1)
  return candidate
}

function dateZh(date: string): string {
  const [, month, day] = date.split('-').map(Number)
  return `${month}月${day}日（周${'一二三四五六日'.charAt(isoWeekday(date) - 1)}）`
}

function dateEn(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  )
}

/** Multi-row inserts of at most CHUNK_SIZE rows, results in order. */
async function insertInChunks<Row, Result>(
  rows: readonly Row[],
  insert: (chunk: Row[]) => Promise<Result[]>,
): Promise<Result[]> {
  const results: Result[] = []
  for (let index = 0; index < rows.length; index += CHUNK_SIZE) {
    results.push(...(await insert(rows.slice(index, index + CHUNK_SIZE))))
  }
  return results
}

/** The value, or a clear error: the seed's data promised it exists. */
function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`Demo seed: missing ${what}`)
  return value
}

// ---------------------------------------------------------------------------------------
// Inspections
// ---------------------------------------------------------------------------------------

/**
 * The checklist (a fresh database has it from its migration; a reset one needs it back)
 * and two inspections of Wangjiang Street's centres by its street office: one with an
 * issue past its fix-by date and one fixed, one recent with an issue still in time.
 */
async function insertInspections(tx: Transaction, places: Places, people: People, today: string, now: Date) {
  await tx
    .insert(schema.inspectionChecklistItems)
    .values(inspectionChecklist.map((item, index) => ({ ...item, position: index + 1 })))
    .onConflictDoNothing()
  const items = await tx
    .select({ id: schema.inspectionChecklistItems.id, key: schema.inspectionChecklistItems.key })
    .from(schema.inspectionChecklistItems)
  const itemId = (key: string) =>
    must(
      items.find((item) => item.key === key),
      key,
    ).id
  const street = places.streetIds.wangjiang
  const [wangjiang, jiangpan] = places.centres.filter((centre) => centre.streetId === street)
  const demos = [
    {
      centre: must(wangjiang, 'first centre'),
      daysAgo: 20,
      notes: '整体良好；消防通道需清理。',
      scores: {
        cleanliness: 4,
        opening_hours_kept: 5,
        accessibility: 3,
        staff_on_duty: 5,
        safety: 2,
        service_information_posted: 4,
      },
      notesByKey: { safety: '食堂旁消防通道堆放杂物', accessibility: '无障碍卫生间扶手松动' } as Record<string, string>,
      issues: [
        { description: '食堂旁消防通道堆放杂物，需清理并保持畅通', fixByDaysAgo: 6, fixedDaysAgo: null },
        { description: '无障碍卫生间扶手松动，需紧固', fixByDaysAgo: 10, fixedDaysAgo: 12 },
      ],
    },
    {
      centre: must(jiangpan, 'second centre'),
      daysAgo: 4,
      notes: '',
      scores: {
        cleanliness: 5,
        opening_hours_kept: 5,
        accessibility: 4,
        staff_on_duty: 4,
        safety: 5,
        service_information_posted: 3,
      },
      notesByKey: { service_information_posted: '收费标准未更新' } as Record<string, string>,
      issues: [{ description: '大厅收费公示牌未更新为今年标准', fixByDaysAgo: -10, fixedDaysAgo: null }],
    },
  ]
  for (const demo of demos) {
    const [inspection] = await tx
      .insert(schema.inspections)
      .values({
        centreId: demo.centre.id,
        inspectorUserId: people.streetStaffId,
        inspectedOn: addDays(today, -demo.daysAgo),
        notes: demo.notes,
        createdAt: new Date(now.getTime() - demo.daysAgo * 86_400_000),
      })
      .returning({ id: schema.inspections.id })
    const inspectionId = must(inspection, 'inspection').id
    await tx.insert(schema.inspectionScores).values(
      Object.entries(demo.scores).map(([key, score]) => ({
        inspectionId,
        checklistItemId: itemId(key),
        score,
        note: demo.notesByKey[key] ?? '',
      })),
    )
    await tx.insert(schema.inspectionIssues).values(
      demo.issues.map((issue) => ({
        inspectionId,
        centreId: demo.centre.id,
        description: issue.description,
        fixBy: addDays(today, -issue.fixByDaysAgo),
        ...(issue.fixedDaysAgo === null
          ? {}
          : {
              status: 'fixed' as const,
              fixedAt: new Date(now.getTime() - issue.fixedDaysAgo * 86_400_000),
              fixedNote: '已更换扶手螺栓并复查',
              fixedByUserId: people.operatorId,
            }),
      })),
    )
  }
}
