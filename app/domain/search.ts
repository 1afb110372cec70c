/**
 * Turning what a resident typed into search terms. Chinese has no spaces between
 * words, so a CJK term also yields its two-character pieces (bigrams), which let
 * "太极课" find "太极拳" when the whole term matches nothing.
 */
const MAX_TERMS = 5
const MAX_TERM_LENGTH = 40
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/

export interface SearchTerm {
  text: string
  bigrams: string[]
}

export function searchTerms(query: string): SearchTerm[] {
  const normalised = query
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .trim()
  if (!normalised) return []
  const words = [...new Set(normalised.split(/\s+/))].slice(0, MAX_TERMS)
  return words.map((word) => {
    const text = [...word].slice(0, MAX_TERM_LENGTH).join('')
    return { text, bigrams: cjkBigrams(text) }
  })
}

function cjkBigrams(term: string): string[] {
  const chars = [...term]
  if (chars.length < 3 || !chars.every((char) => CJK.test(char))) return []
  const pairs: string[] = []
  for (let index = 0; index < chars.length - 1; index++) pairs.push(`${chars[index]}${chars[index + 1]}`)
  return [...new Set(pairs)]
}

/** Bigrams a text must contain to count as matching a term it does not contain whole. */
export function bigramsNeeded(bigrams: string[]): number {
  return Math.ceil(bigrams.length / 2)
}

/** `text` for use inside a LIKE pattern, wildcards taken literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`)
}
