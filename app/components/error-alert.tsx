import { Alert, Paragraph } from '@digdir/designsystemet-react'

/** A refusal that belongs to no field, above the page's forms: nothing when there is none, the messages in one alert when there are. */
export function ErrorAlert({ messages }: { messages: string | readonly string[] | null | undefined }) {
  const list = (typeof messages === 'string' ? [messages] : (messages ?? [])).filter(Boolean)
  if (list.length === 0) return null
  return (
    <Alert data-color="danger" role="alert">
      <Paragraph>{list.join(' ')}</Paragraph>
    </Alert>
  )
}
