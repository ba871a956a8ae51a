import { createContext, useContext } from 'react'

/**
 * The CSP nonce of the response being rendered, for Remix's inline scripts.
 * On the client it is empty: browsers hide nonces from the DOM, and the
 * scripts have already run.
 */
const NonceContext = createContext('')

export const NonceProvider = NonceContext.Provider

export function useNonce(): string {
  return useContext(NonceContext)
}
