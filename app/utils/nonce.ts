import { createContext, useContext } from 'react'

/**
 * The Content-Security-Policy nonce of this response. server/http.js makes one per request;
 * entry.server.tsx provides it; <Scripts> and friends put it on the inline scripts.
 * In the browser it is empty: browsers hide nonces from the page once it has loaded.
 */
export const NonceContext = createContext('')
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
