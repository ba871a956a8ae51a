import { Link, Paragraph } from '@digdir/designsystemet-react'
import { Link as RemixLink } from '@remix-run/react'
import { texts } from '~/domain/language'
import { useTexts } from './language'

const text = texts({
  nb: { link: 'Slik behandler vi personopplysninger' },
  nn: { link: 'Slik behandlar vi personopplysningar' },
})

/**
 * The link to the privacy notice (app/routes/personvern.tsx), placed near the
 * submit button of every form that collects personal data.
 */
export function PrivacyLink() {
  const t = useTexts(text)
  return (
    <Paragraph data-size="sm">
      <Link asChild>
        <RemixLink to="/personvern">{t.link}</RemixLink>
      </Link>
    </Paragraph>
  )
}
