import { expect, test } from 'vitest'
import { maskEmail, maskPhone, parseLoginIdentifier } from './login-identifier.ts'

test.each([
  ['13800000001', '13800000001'],
  ['138 0000 0001', '13800000001'],
  ['+86 138-0000-0001', '13800000001'],
  ['８６１３８０００００００１', '13800000001'],
])('reads the mobile number %s', (input, phone) => {
  expect(parseLoginIdentifier(input)).toEqual({ kind: 'phone', value: phone })
})

test('reads an email, lower-cased', () => {
  expect(parseLoginIdentifier(' Admin@Linli.Example ')).toEqual({ kind: 'email', value: 'admin@linli.example' })
})

test.each([
  ['12800000001'],
  ['1380000000'],
  ['138000000012'],
  ['abc'],
  ['a@b'],
  ['@linli.example'],
  [''],
  ['<script>@x.y z'],
])('refuses %s', (input) => {
  expect(parseLoginIdentifier(input)).toBeNull()
})

test('masks numbers and emails for staff views', () => {
  expect(maskPhone('13800000001')).toBe('138****0001')
  expect(maskEmail('wang@example.com')).toBe('w***@example.com')
  expect(maskPhone(null)).toBe('')
})
