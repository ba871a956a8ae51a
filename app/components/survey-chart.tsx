import { Table } from '@digdir/designsystemet-react'
import { useRevalidator } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { texts } from '~/domain/language'
import { formatShare, type QuestionResult } from '~/domain/survey'
import { useTexts } from './language'

const text = texts({
  nb: {
    caption: (prompt: string, answering: number) => `${prompt} (${answering} har svart)`,
    option: 'Svaralternativ',
    count: 'Antall',
    share: 'Andel',
    chart: (prompt: string, answering: number) => `Stolpediagram: ${prompt}. ${answering} har svart. Tallene står i tabellen.`,
    showTable: 'Vis tallene som tabell',
  },
  nn: {
    caption: (prompt: string, answering: number) => `${prompt} (${answering} har svart)`,
    option: 'Svaralternativ',
    count: 'Tal',
    share: 'Del',
    chart: (prompt: string, answering: number) => `Stolpediagram: ${prompt}. ${answering} har svart. Tala står i tabellen.`,
    showTable: 'Vis tala som tabell',
  },
})

/**
 * One question's results as a bar chart (SVG) and as a table with the same
 * numbers (decision 049). The SVG is one image with a name (role="img") and
 * points to the table, so a screen reader reads the table, not the shapes;
 * the table is visible, or folded in a details element on the projector.
 * Each bar is the option's share of those who answered the question.
 */
export function SurveyChart({
  result,
  id,
  tableFolded = false,
  large = false,
}: {
  result: QuestionResult
  id: string
  tableFolded?: boolean
  large?: boolean
}) {
  const t = useTexts(text)
  const width = 640
  const barArea = large ? 470 : 500
  const labelSize = large ? 20 : 15
  const rowHeight = large ? 74 : 56
  const barHeight = large ? 28 : 20
  const height = Math.max(rowHeight, result.options.length * rowHeight)
  const table = (
    <Table id={`${id}-tabell`} data-size={large ? 'lg' : 'md'}>
      <caption className={tableFolded ? undefined : 'visually-hidden'}>{t.caption(result.prompt, result.answering)}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t.option}</Table.HeaderCell>
          <Table.HeaderCell>{t.count}</Table.HeaderCell>
          <Table.HeaderCell>{t.share}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {result.options.map((o) => (
          <Table.Row key={o.id}>
            <Table.Cell>{o.label}</Table.Cell>
            <Table.Cell>{o.count}</Table.Cell>
            <Table.Cell>{formatShare(o.share)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
  return (
    <figure className={large ? 'survey-chart survey-chart-large' : 'survey-chart'}>
      <figcaption id={`${id}-navn`} className="survey-chart-caption">
        {result.prompt}
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={t.chart(result.prompt, result.answering)}
        aria-describedby={`${id}-tabell`}
        className="survey-chart-svg"
        preserveAspectRatio="xMinYMin meet"
      >
        {result.options.map((o, i) => {
          const y = i * rowHeight
          const barWidth = Math.round(o.share * barArea)
          return (
            <g key={o.id}>
              <text x={0} y={y + labelSize} fontSize={labelSize} className="survey-chart-label">
                {o.label}
              </text>
              <rect x={0} y={y + labelSize + 6} width={barArea} height={barHeight} rx={3} className="survey-bar-track" />
              <rect x={0} y={y + labelSize + 6} width={barWidth} height={barHeight} rx={3} className="survey-bar" data-count={o.count} data-label={o.label} />
              <text x={barArea + 10} y={y + labelSize + 6 + barHeight * 0.78} fontSize={labelSize} className="survey-chart-value">
                {o.count} ({formatShare(o.share)})
              </text>
            </g>
          )
        })}
      </svg>
      {tableFolded ? (
        <details className="survey-chart-table">
          <summary>{t.showTable}</summary>
          {table}
        </details>
      ) : (
        table
      )}
    </figure>
  )
}

/**
 * Reloads the page's data every `ms` while the page is visible (the live
 * results): Remix's revalidation, one request at a time, nothing on a hidden
 * tab. Without JavaScript the page has its "Oppdater" link instead.
 */
export function useRefreshEvery(ms: number) {
  const revalidator = useRevalidator()
  const latest = useRef(revalidator)
  latest.current = revalidator
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && latest.current.state === 'idle') latest.current.revalidate()
    }, ms)
    return () => clearInterval(timer)
  }, [ms])
}
