import { Column, entityKind, is, SQL, sql, Table } from 'drizzle-orm'
import { PgColumn, PgTable, PgText } from 'drizzle-orm/pg-core'
import { expect, test } from 'vitest'
import { bookings, users } from '#db/schema/index.ts'

/**
 * patches/drizzle-orm+…patch works out the entity kinds along a class's chain once per
 * class, for `is`, which drizzle asks of every piece of every query it builds. Asked the
 * same question again, or about a class that only shares a kind by name (another copy of
 * drizzle), it must answer as drizzle's own chain walk does.
 */
test('`is` answers from the kinds along the whole chain, the same on every asking', () => {
  for (let asking = 0; asking < 3; asking++) {
    expect(is(users.name, PgText)).toBe(true)
    expect(is(users.name, PgColumn)).toBe(true)
    expect(is(users.name, Column)).toBe(true)
    expect(is(users.name, Table)).toBe(false)
    expect(is(users.name, SQL)).toBe(false)
    expect(is(bookings, PgTable)).toBe(true)
    expect(is(bookings, Column)).toBe(false)
    expect(is(sql`select 1`, SQL)).toBe(true)
    expect(is(sql`select 1`, Table)).toBe(false)
    expect(is(null, SQL)).toBe(false)
  }
})

test('`is` recognises a class from another copy of drizzle by its kind, not by identity', () => {
  // Not a subclass of drizzle's SQL, but of a class that declares the same kind.
  class OtherCopySql {
    static readonly [entityKind]: string = 'SQL'
  }
  class OtherCopyChild extends OtherCopySql {}
  class Unrelated {
    static readonly [entityKind]: string = 'Unrelated'
  }
  for (let asking = 0; asking < 2; asking++) {
    expect(is(new OtherCopyChild(), SQL)).toBe(true)
    expect(is(new OtherCopySql(), Table)).toBe(false)
    expect(is(new Unrelated(), SQL)).toBe(false)
  }
})
