import { expect, test } from './fixtures.ts'
import { baseURL } from '../../playwright.config.ts'
import { builtRouteIds } from '../fixtures/built-routes.ts'
import { addressOf, routeMatrix, routeParameters, visitorContexts, visitors } from './support.ts'

/**
 * The authorisation matrix: every route of the built app × every kind of visitor gets
 * the expected status. The route list comes from the build itself, so a route added
 * without a row in `routeMatrix` (support.ts) fails the first test.
 */

const origin = new URL(baseURL).origin

test.describe('authorisation matrix', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'the same for both projects')

  test('every route of the build has a row in the matrix, and every row a route', async () => {
    expect(builtRouteIds()).toEqual(Object.keys(routeMatrix).sort())
  })

  test('every visitor gets the expected status on every route', async () => {
    test.setTimeout(120_000)
    const contexts = await visitorContexts()
    const parameters = await routeParameters(contexts)

    const failures: string[] = []
    for (const row of Object.values(routeMatrix)) {
      if (row === 'layout') continue
      const address = addressOf(row, parameters)
      for (const visitor of visitors) {
        const got = (await contexts[visitor].get(address, { maxRedirects: 0 })).status()
        if (got !== row.get[visitor])
          failures.push(`GET ${address} as ${visitor}: ${got}, expected ${row.get[visitor]}`)
        if (row.post) {
          const posted = await contexts[visitor].post(address, {
            form: row.post.form,
            headers: { Origin: origin },
            maxRedirects: 0,
          })
          if (posted.status() !== row.post.expected[visitor]) {
            failures.push(`POST ${address} as ${visitor}: ${posted.status()}, expected ${row.post.expected[visitor]}`)
          }
        }
      }
    }
    expect(failures).toEqual([])
    await Promise.all(Object.values(contexts).map((context) => context.dispose()))
  })
})
