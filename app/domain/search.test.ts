import { describe, expect, test } from 'vitest'
import { bigramsNeeded, escapeLike, searchTerms } from './search.ts'

describe('searchTerms', () => {
  test('splits on spaces, lower-cases and drops punctuation', () => {
    expect(searchTerms('  Tai Chi!  ').map((term) => term.text)).toEqual(['tai', 'chi'])
  })

  test('folds full-width characters (typed on a Chinese keyboard) to their ASCII form', () => {
    expect(searchTerms('ＹＯＧＡ')[0]?.text).toBe('yoga')
  })

  test('gives Chinese terms of three or more characters their bigrams', () => {
    expect(searchTerms('太极课')[0]).toEqual({ text: '太极课', bigrams: ['太极', '极课'] })
    expect(searchTerms('社保')[0]).toEqual({ text: '社保', bigrams: [] })
  })

  test('an empty or punctuation-only query has no terms', () => {
    expect(searchTerms('')).toEqual([])
    expect(searchTerms('  %%% ')).toEqual([])
  })

  test('keeps at most five terms of at most forty characters', () => {
    const terms = searchTerms(`${'a'.repeat(100)} b c d e f g`)
    expect(terms).toHaveLength(5)
    expect(terms[0]?.text).toHaveLength(40)
  })
})

test('bigramsNeeded asks for at least half', () => {
  expect(bigramsNeeded(['太极', '极课'])).toBe(1)
  expect(bigramsNeeded(['社保', '保办', '办理'])).toBe(2)
})

test('escapeLike makes wildcards literal', () => {
  expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\')
})
