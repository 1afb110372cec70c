import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm'
import type { Language } from '#app/i18n.ts'
import { bigramsNeeded, escapeLike, type SearchTerm } from '#app/domain/search.ts'
import { db } from '#db/client.server.ts'
import { centres, serviceCategories, services, streets, type ServiceCategory } from '#db/schema/index.ts'
import en from '../../public/locales/en/common.json'
import zh from '../../public/locales/zh-CN/common.json'
import { inLanguage } from './language.server.ts'

/** Categories whose name, in either language, contains the term ("健身" → fitness). */
function categoriesNamed(term: SearchTerm): ServiceCategory[] {
  return serviceCategories.filter((category) =>
    [zh.category[category].name, en.category[category].name].some((name) => name.toLowerCase().includes(term.text)),
  )
}

/**
 * Whether `haystack` matches a term: contains it whole, or enough of its bigrams. Terms
 * are lower-case; so is a haystack compared with `like`, and `ilike` lower-cases it.
 */
function matchesTerm(haystack: SQL, term: SearchTerm, compare: 'like' | 'ilike'): SQL {
  const operator = sql.raw(compare)
  const whole = sql`${haystack} ${operator} ${`%${escapeLike(term.text)}%`}`
  if (term.bigrams.length === 0) return whole
  const found = term.bigrams.map((bigram) => sql`(${haystack} ${operator} ${`%${escapeLike(bigram)}%`})::int`)
  return sql`(${whole} or (${sql.join(found, sql` + `)}) >= ${bigramsNeeded(term.bigrams)})`
}

/**
 * Centres and services matching every term, in Chinese or English, `limit` of each from
 * `offset` on, with how many of each match in all. Names that contain the first term
 * rank first.
 */
export async function searchCatalogue({
  terms,
  lang,
  limit = 20,
  offset = 0,
}: {
  terms: SearchTerm[]
  lang: Language
  limit?: number
  offset?: number
}) {
  if (terms.length === 0) return { centres: [], services: [], centreTotal: 0, serviceTotal: 0 }
  const first = `%${escapeLike(terms[0]!.text)}%`

  // The service's own text is kept lower-cased (services.search_text); its centre's names follow.
  const serviceText = sql`(${services.searchText} || ' ' || lower(${centres.nameZh} || ' ' || ${centres.nameEn}))`
  const serviceConditions = terms.map((term) => {
    const categories = categoriesNamed(term)
    return categories.length > 0
      ? or(matchesTerm(serviceText, term, 'like'), inArray(services.category, categories))!
      : matchesTerm(serviceText, term, 'like')
  })
  const centreText = sql`concat_ws(' ', ${centres.nameZh}, ${centres.nameEn}, ${centres.addressZh}, ${centres.addressEn}, ${streets.nameZh}, ${streets.nameEn})`

  // Every match, counted before the page is cut out of them.
  const matchCount = sql<number>`count(*) over ()`.mapWith(Number)

  const [serviceRows, centreRows] = await Promise.all([
    db
      .select({
        slug: services.slug,
        category: services.category,
        name: inLanguage(lang, services.nameZh, services.nameEn),
        summary: inLanguage(lang, services.summaryZh, services.summaryEn),
        centreSlug: centres.slug,
        centreName: inLanguage(lang, centres.nameZh, centres.nameEn),
        total: matchCount,
      })
      .from(services)
      .innerJoin(centres, eq(centres.id, services.centreId))
      .where(and(eq(services.status, 'active'), ...serviceConditions))
      .orderBy(
        desc(sql`concat_ws(' ', ${services.nameZh}, ${services.nameEn}) ilike ${first}`),
        asc(services.category),
        asc(centres.id),
        // A total order, so no service shows on two pages or on none.
        asc(services.id),
      )
      .limit(limit)
      .offset(offset),
    db
      .select({
        slug: centres.slug,
        name: inLanguage(lang, centres.nameZh, centres.nameEn),
        address: inLanguage(lang, centres.addressZh, centres.addressEn),
        streetName: inLanguage(lang, streets.nameZh, streets.nameEn),
        total: matchCount,
      })
      .from(centres)
      .innerJoin(streets, eq(streets.id, centres.streetId))
      .where(and(...terms.map((term) => matchesTerm(centreText, term, 'ilike'))))
      .orderBy(asc(centres.id))
      .limit(limit)
      .offset(offset),
  ])
  return {
    centres: centreRows.map(({ total: _, ...centre }) => centre),
    services: serviceRows.map(({ total: _, ...service }) => service),
    // Past the last page there are no rows to count on; the caller shows nothing there.
    centreTotal: centreRows[0]?.total ?? 0,
    serviceTotal: serviceRows[0]?.total ?? 0,
  }
}
