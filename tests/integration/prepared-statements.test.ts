import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { connectDatabase, type DatabaseConnection } from '#db/connect.server.ts'
import { migrateDatabase, rowsOf } from '#db/migrate.server.ts'
import { users } from '#db/schema/index.ts'
import { createDatabase } from '#tests/setup/database.ts'

/**
 * Every statement the app sends to Postgres is prepared once per connection and reused
 * (patches/drizzle-orm+…patch): a page's joins are parsed and planned once, not on every
 * request. One connection, so the prepared statements seen are the ones the queries made.
 */
let connection: DatabaseConnection

beforeAll(async () => {
  const url = await createDatabase('prepared')
  await migrateDatabase({ databaseUrl: url, dataDir: 'unused' })
  connection = connectDatabase({ databaseUrl: url, dataDir: 'unused', maxConnections: 1 })
})

afterAll(async () => {
  await connection?.close()
})

const preparedLike = async (fragment: string) => {
  const result = await connection.db.execute(
    sql`select statement from pg_prepared_statements where statement like ${`%${fragment}%`}`,
  )
  return rowsOf<{ statement: string }>(result).map((row) => row.statement)
}

test('a query is prepared on its first run and the same statement serves the next, in and out of a transaction', async () => {
  const { db } = connection
  const [created] = await db
    .insert(users)
    .values({ phone: '13900000077', name: '李桂兰', passwordHash: 'x', birthYear: 1948 })
    .returning({ id: users.id })
  const findUser = (id: number, on = db) =>
    on.select({ name: users.name, createdAt: users.createdAt }).from(users).where(eq(users.id, id))

  const [first] = await findUser(created!.id)
  expect(first!.name).toBe('李桂兰')
  expect(first!.createdAt).toBeInstanceOf(Date)
  const statements = await preparedLike('from "users" where "users"."id" = $1')
  expect(statements).toHaveLength(1)

  // Again, and inside a transaction: the same prepared statement, not a second one.
  const [again] = await findUser(created!.id)
  const inTransaction = await db.transaction(async (tx) => (await findUser(created!.id, tx))[0])
  expect(again).toEqual(first)
  expect(inTransaction).toEqual(first)
  expect(await preparedLike('from "users" where "users"."id" = $1')).toEqual(statements)
})
