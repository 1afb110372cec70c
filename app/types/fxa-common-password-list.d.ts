declare module 'fxa-common-password-list' {
  /** Firefox Accounts' list of common passwords of eight characters or more. */
  const commonPasswords: { test(password: string): boolean }
  export default commonPasswords
}
