import { Link, Paragraph } from '@digdir/designsystemet-react'
import { Link as RemixLink } from '@remix-run/react'
import type { ReactNode } from 'react'

/** The "Tilbake til …" link at the top of a page, as its own paragraph. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Paragraph>
      <Link asChild>
        <RemixLink to={to}>{children}</RemixLink>
      </Link>
    </Paragraph>
  )
}
