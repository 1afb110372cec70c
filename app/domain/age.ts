/**
 * Ages from a birth year alone. Without the birthday, someone born in 1944 is 81 or 82
 * during 2026; for eligibility and concessions we count the age they reach during the
 * year of the date in question (the common practice of Chinese age-based benefits,
 * which apply from the start of the year someone turns 60 or 80).
 */
export function ageInYear(birthYear: number, date: string): number {
  return Number(date.slice(0, 4)) - birthYear
}

export const BIRTH_YEAR_MIN = 1900

export function birthYearMax(today: string): number {
  return Number(today.slice(0, 4))
}
