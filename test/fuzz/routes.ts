import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/** The route modules' folder; the fuzz suite's list of targets is read from it, so a new route cannot be forgotten. */
export const routesDir = path.resolve(import.meta.dirname, '../../app/routes')

export interface RouteTarget {
  /** The module's file name without extension, e.g. `arrangor.$eventId.dager`. */
  id: string
  /** The URL pattern, e.g. `/arrangor/:eventId/dager`; a splat is `*`. */
  pattern: string
  /** The dynamic segments' names (`*` for a splat). */
  params: string[]
  hasLoader: boolean
  hasAction: boolean
  /** An index route: its action is posted to `?index`. */
  index: boolean
  /** Query keys the module reads (`searchParams.get('…')`). */
  queryKeys: string[]
}

/** Splits a flat-routes file name on dots that are not escaped in brackets (`kalender[.]ics`). */
function segmentsOf(name: string): string[] {
  const segments: string[] = []
  let current = ''
  let inBrackets = false
  for (const ch of name) {
    if (ch === '[') inBrackets = true
    else if (ch === ']') inBrackets = false
    else if (ch === '.' && !inBrackets) {
      segments.push(current)
      current = ''
    } else current += ch
  }
  segments.push(current)
  return segments
}

/** Every route module in app/routes with what the fuzz suite needs to reach it. */
export function routeTargets(): RouteTarget[] {
  return readdirSync(routesDir)
    .filter((file) => /\.tsx?$/.test(file))
    .sort()
    .map((file) => {
      const id = file.replace(/\.tsx?$/, '')
      const source = readFileSync(path.join(routesDir, file), 'utf8')
      const params: string[] = []
      const parts: string[] = []
      let index = false
      for (const raw of segmentsOf(id)) {
        const segment = raw.replace(/_$/, '')
        if (segment === '_index') index = true
        else if (segment === '$') {
          params.push('*')
          parts.push('*')
        } else if (segment.startsWith('$')) {
          params.push(segment.slice(1))
          parts.push(`:${segment.slice(1)}`)
        } else if (!segment.startsWith('_')) parts.push(segment)
      }
      const queryKeys = [...source.matchAll(/searchParams\.(?:get|getAll|has)\(\s*'([^']+)'/g)].map((m) => m[1] ?? '')
      return {
        id,
        pattern: `/${parts.join('/')}`,
        params,
        hasLoader: /export\s+(async\s+)?(function|const)\s+loader\b/.test(source),
        hasAction: /export\s+(async\s+)?(function|const)\s+action\b/.test(source),
        index,
        queryKeys: [...new Set(queryKeys)],
      }
    })
}

/** The pattern with each parameter replaced by the raw (already encoded) value given for it. */
export function fillPattern(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/:([A-Za-z]+)|\*/g, (match, name: string | undefined) => values[name ?? '*'] ?? match)
}

/** The parameters of `pattern` found in `pathname`, or null when it does not match. */
export function matchPattern(pattern: string, pathname: string): Record<string, string> | null {
  const names: string[] = []
  const source = pattern
    .split('/')
    .map((part) => {
      if (part === '*') {
        names.push('*')
        return '(.*)'
      }
      if (part.startsWith(':')) {
        names.push(part.slice(1))
        return '([^/]+)'
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    })
    .join('/')
  const match = new RegExp(`^${source}$`).exec(pathname)
  if (!match) return null
  return Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? '']))
}
