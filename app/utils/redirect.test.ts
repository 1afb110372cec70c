import { expect, test } from 'vitest'
import { safeRedirect } from './redirect.ts'

test('keeps a relative path with its query', () => {
  expect(safeRedirect('/centres/wangjiang?tab=1')).toBe('/centres/wangjiang?tab=1')
})

test.each([
  ['https://evil.example/'],
  ['//evil.example/'],
  ['/\\evil.example'],
  ['javascript:alert(1)'],
  [''],
  [null],
  [undefined],
])('refuses %s', (target) => {
  expect(safeRedirect(target, '/home')).toBe('/home')
})
