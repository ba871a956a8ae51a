import { Link, Paragraph } from '@digdir/designsystemet-react'
import { Link as RemixLink } from '@remix-run/react'

/**
 * The link to the privacy notice (app/routes/personvern.tsx), placed near the
 * submit button of every form that collects personal data.
 */
export function PrivacyLink() {
  return (
    <Paragraph data-size="sm">
      <Link asChild>
        <RemixLink to="/personvern">Slik behandler vi personopplysninger</RemixLink>
      </Link>
    </Paragraph>
  )
}
