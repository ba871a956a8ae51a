import { afterEach, beforeEach, expect, vi } from 'vitest'

// A console.error during a test is a defect the test did not notice: fail it.
beforeEach(() => {
  vi.spyOn(console, 'error')
})

afterEach(() => {
  const calls = vi.mocked(console.error).mock.calls
  vi.mocked(console.error).mockRestore()
  expect(calls, 'console.error was called during the test').toEqual([])
})
