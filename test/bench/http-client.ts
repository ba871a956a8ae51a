import http from 'node:http'

/** The benches' HTTP client and figures (bench:http, bench:checkin). */

export const round = (n: number) => Math.round(n * 10) / 10

/** The 95th percentile of `values`, in their unit, to a tenth. */
export const p95 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return round(sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] ?? 0)
}

/** One HTTP request over `agent`'s keep-alive connections; the whole body is read. */
export function request(agent: http.Agent, url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; location: string | undefined; body: string }>((resolve, reject) => {
    const req = http.request(url, { agent, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(options.body)
  })
}
