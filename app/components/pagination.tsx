import { Pagination } from '@digdir/designsystemet-react'
import { Link as RemixLink, useLocation } from '@remix-run/react'
import { texts } from '~/domain/language'
import { useTexts } from './language'

const text = texts({
  nb: { previousPage: 'Forrige side', previous: 'Forrige', page: (n: number) => `Side ${n}`, nextPage: 'Neste side', next: 'Neste' },
  nn: { previousPage: 'Førre side', previous: 'Førre', page: (n: number) => `Side ${n}`, nextPage: 'Neste side', next: 'Neste' },
})

/**
 * Page links for a list the server cuts into pages (decision 41,
 * docs/decisions): plain links that keep the page's other query values and
 * set `param` (`side` unless a page has two lists), so they work without
 * JavaScript. Shows the first and last page,
 * the ones next to the current, and an ellipsis between.
 */
export function ServerPagination({ page, pages, label, param = 'side' }: { page: number; pages: number; label: string; param?: string }) {
  const location = useLocation()
  const t = useTexts(text)
  if (pages <= 1) return null
  const href = (n: number) => {
    const search = new URLSearchParams(location.search)
    if (n === 1) search.delete(param)
    else search.set(param, String(n))
    const query = search.toString()
    return `${location.pathname}${query ? `?${query}` : ''}`
  }
  return (
    <Pagination asChild>
      <nav aria-label={label}>
        <Pagination.List>
          <Pagination.Item>
            {page > 1 ? (
              <Pagination.Button asChild variant="tertiary">
                <RemixLink to={href(page - 1)} aria-label={t.previousPage}>
                  {t.previous}
                </RemixLink>
              </Pagination.Button>
            ) : null}
          </Pagination.Item>
          {pageSteps(page, pages).map((step, i) => (
            <Pagination.Item key={step === 'ellipsis' ? `ellipsis-${i}` : step}>
              {step === 'ellipsis' ? (
                <span aria-hidden="true">…</span>
              ) : (
                <Pagination.Button asChild variant={step === page ? 'primary' : 'tertiary'}>
                  <RemixLink to={href(step)} aria-label={t.page(step)} aria-current={step === page ? 'page' : undefined}>
                    {step}
                  </RemixLink>
                </Pagination.Button>
              )}
            </Pagination.Item>
          ))}
          <Pagination.Item>
            {page < pages ? (
              <Pagination.Button asChild variant="tertiary">
                <RemixLink to={href(page + 1)} aria-label={t.nextPage}>
                  {t.next}
                </RemixLink>
              </Pagination.Button>
            ) : null}
          </Pagination.Item>
        </Pagination.List>
      </nav>
    </Pagination>
  )
}

/** The page numbers to show: the first, the last, the current and its neighbours, with 'ellipsis' for a gap. */
export function pageSteps(page: number, pages: number): Array<number | 'ellipsis'> {
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b)
  const steps: Array<number | 'ellipsis'> = []
  for (const n of shown) {
    const last = steps.at(-1)
    if (typeof last === 'number' && n - last > 1) steps.push(n - last === 2 ? n - 1 : 'ellipsis')
    steps.push(n)
  }
  return steps
}

/** The page asked for in `?side=`: a whole number from 1, or 1 for anything else. */
export function pageParam(value: string | null): number {
  const n = Number(value)
  return Number.isSafeInteger(n) && n >= 1 ? n : 1
}
