import { and, eq, gte, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseConnection } from '#db/connect.server.ts'
import { rowsOf } from '#db/migrate.server.ts'
import { builtOnce } from '#db/statement.server.ts'
import { householdMembers, users } from '#db/schema/index.ts'
import { migratedPglite, migratedPostgres } from '#tests/setup/database.ts'

/**
 * db/statement.server.ts: a statement's SQL text is built once and then run on whichever
 * handle is given — the pool or an open transaction — on both drivers, with the same rows
 * (and the same mapping of columns to fields) as drizzle's builder gives.
 */
describe.each([
  ['PostgreSQL', migratedPostgres],
  ['PGlite', migratedPglite],
])('statements built once, on %s', (_name, open) => {
  let connection: DatabaseConnection

  beforeAll(async () => {
    connection = await open()
  })

  afterAll(async () => {
    await connection?.close()
  })

  test('a select runs on the pool and in a transaction, built the first time only', async () => {
    const { db } = connection
    const [owner] = await db
      .insert(users)
      .values({ phone: '13900000088', name: '王建国', passwordHash: 'x', birthYear: 1944 })
      .returning({ id: users.id })
    await db
      .insert(householdMembers)
      .values({ ownerUserId: owner!.id, name: '王小明', relation: 'child', birthYear: 2015 })

    let builds = 0
    const withMembers = builtOnce((runner) => {
      builds += 1
      return runner
        .select({ name: users.name, createdAt: users.createdAt, member: { name: householdMembers.name } })
        .from(users)
        .leftJoin(householdMembers, eq(householdMembers.ownerUserId, users.id))
        .where(eq(users.id, sql.placeholder('id')))
        .prepare('with_members')
    })
    const fromBuilder = await db
      .select({ name: users.name, createdAt: users.createdAt, member: { name: householdMembers.name } })
      .from(users)
      .leftJoin(householdMembers, eq(householdMembers.ownerUserId, users.id))
      .where(eq(users.id, owner!.id))

    const onPool = await withMembers(db, { id: owner!.id })
    const inTransaction = await db.transaction((tx) => withMembers(tx, { id: owner!.id }))
    const nobody = await withMembers(db, { id: -1 })
    const [alone] = await db
      .insert(users)
      .values({ phone: '13900000087', name: '刘芳', passwordHash: 'x', birthYear: 1952 })
      .returning({ id: users.id })
    // A left join that finds nothing gives the nested field as null, as drizzle's builder does.
    const [withoutMembers] = await withMembers(db, { id: alone!.id })

    expect(onPool).toEqual(fromBuilder)
    expect(onPool[0]!.createdAt).toBeInstanceOf(Date)
    expect(onPool[0]!.member).toEqual({ name: '王小明' })
    expect(inTransaction).toEqual(fromBuilder)
    expect(nobody).toEqual([])
    expect(withoutMembers!.member).toBeNull()
    expect(builds).toBe(1)
  })

  test('a Date given for a placeholder is compared as a time, on both drivers', async () => {
    const { db } = connection
    const [created] = await db
      .insert(users)
      .values({ phone: '13900000086', name: '陈静', passwordHash: 'x', birthYear: 1958 })
      .returning({ id: users.id, createdAt: users.createdAt })
    const createdSince = builtOnce((runner) =>
      runner
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, sql.placeholder('id')), gte(users.createdAt, sql.placeholder('since'))))
        .prepare('created_since'),
    )
    const before = new Date(created!.createdAt.getTime() - 60_000)
    const after = new Date(created!.createdAt.getTime() + 60_000)

    expect(await createdSince(db, { id: created!.id, since: before })).toEqual([{ id: created!.id }])
    expect(await createdSince(db, { id: created!.id, since: after })).toEqual([])
  })

  test('a plain statement writes in the caller’s transaction, and is rolled back with it', async () => {
    const { db } = connection
    const rename = builtOnce(
      () =>
        sql`update ${users} set name = ${sql.placeholder('name')} where phone = ${sql.placeholder('phone')} returning name`,
    )
    await db.insert(users).values({ phone: '13900000089', name: '赵敏', passwordHash: 'x', birthYear: 1950 })

    await expect(
      db.transaction(async (tx) => {
        expect(rowsOf(await rename(tx, { name: '赵敏敏', phone: '13900000089' }))).toEqual([{ name: '赵敏敏' }])
        throw new Error('undo')
      }),
    ).rejects.toThrow('undo')
    const [kept] = await db.select({ name: users.name }).from(users).where(eq(users.phone, '13900000089'))
    expect(kept!.name).toBe('赵敏')

    expect(rowsOf(await rename(db, { name: '赵敏敏', phone: '13900000089' }))).toEqual([{ name: '赵敏敏' }])
  })
})
