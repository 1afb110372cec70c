import { sql, type Query, type SQL } from 'drizzle-orm'
import {
  PgDialect,
  type PgPreparedQuery,
  type PreparedQueryConfig,
  type SelectedFieldsOrdered,
} from 'drizzle-orm/pg-core'
import type { Queryable } from './connect.server.ts'

const dialect = new PgDialect()

function asDriverValues(values: Record<string, unknown>) {
  const converted: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(values)) {
    converted[name] = value instanceof Date ? value.toISOString() : value
  }
  return converted
}

/** What drizzle keeps on a prepared query to run it again and map its rows. */
interface BuiltQuery {
  getQuery(): Query
  fields?: SelectedFieldsOrdered
  joinsNotNullableMap?: Record<string, boolean>
  _isResponseInArrayMode?: boolean
  customResultMapper?: (rows: unknown[][]) => unknown
}

/**
 * A statement whose SQL text is built once, the first time it runs, and reused after.
 *
 * drizzle builds a query's text from its parts on every call. On the busiest paths (the
 * session lookup on every logged-in request, the booking transaction) that was a quarter
 * of the app's CPU. Values go in through `sql.placeholder(name)`, named in the object each
 * run is given.
 * A Date is sent as its ISO text, which is what the postgres.js driver takes (drizzle turns
 * the time types' parsers off); so in an insert, give a time column its placeholder
 * wrapped in `sql`, not through the column's encoder, which expects a Date.
 *
 * `build` receives whatever the statement first runs on, and returns either a query
 * builder's `.prepare()` or a plain `sql` statement. Each run then asks the handle it is
 * given (the pool or an open transaction) to run that text, so it works inside
 * transactions, where drizzle's own `.prepare()` is bound to the handle that built it.
 */
export function builtOnce<Result>(
  build: (runner: Queryable) => PgPreparedQuery<PreparedQueryConfig & { execute: Result }> | SQL,
) {
  let built: BuiltQuery | undefined
  return (runner: Queryable, values: Record<string, unknown>): Promise<Result> => {
    if (!built) {
      const statement = build(runner)
      if ('getQuery' in statement) {
        built = statement as unknown as BuiltQuery
      } else {
        const query = dialect.sqlToQuery(statement)
        built = { getQuery: () => query, _isResponseInArrayMode: false }
      }
    }
    const query = runner._.session.prepareQuery<PreparedQueryConfig & { execute: Result }>(
      built.getQuery(),
      built.fields,
      undefined,
      built._isResponseInArrayMode ?? true,
      built.customResultMapper as (rows: unknown[][]) => Result,
    )
    ;(query as unknown as BuiltQuery).joinsNotNullableMap = built.joinsNotNullableMap
    return query.execute(asDriverValues(values))
  }
}

/**
 * A LIMIT written into a statement's text, where drizzle's `.limit(n)` sends `n` as a value.
 *
 * postgres.js prepares every statement, and after five runs Postgres may settle on one plan
 * for any values. For a LIMIT that is a value, that plan guesses a tenth of the rows will
 * do. For one person's bookings, newest session first, that made it walk every session
 * of the district in time order, looking for theirs, instead of looking up their few
 * bookings and sorting them: 1,540 pages read instead of 29 on the demo district.
 *
 * `.limit()` takes a number or a placeholder; an `sql` fragment in its place is written
 * into the text as it stands, which is what this returns.
 */
export function inlineLimit(count: number): number {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`not a row count: ${count}`)
  return sql.raw(String(count)) as unknown as number
}
