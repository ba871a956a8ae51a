import { Heading, Link, Paragraph, Table } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link as RemixLink, useLoaderData } from '@remix-run/react'
import { formatDateRange, formatDateTime } from '~/domain/dates'
import { ROLE_CATEGORIES, isRoleCategory } from '~/domain/roles'
import { findRegistrationForUser } from '~/services/contact-persons.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'

const STATUS = { active: 'Påmeldt', cancelled: 'Avmeldt', late_cancelled: 'Sen avmelding', substituted: 'Erstattet' }

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const registration = await findRegistrationForUser(context.db, user.id, idParam(params.registrationId))
  if (!registration) notFound()
  return {
    id: registration.id,
    role: registration.role,
    municipality: registration.municipality_name,
    event: registration.event_title,
    eventSlug: registration.event_slug,
    dates: formatDateRange(registration.starts_at, registration.ends_at),
    deadline: formatDateTime(registration.deadline_at),
    contact: registration.contact_name
      ? {
          name: registration.contact_name,
          email: registration.contact_email,
          phone: registration.contact_phone,
          title: registration.contact_title,
        }
      : null,
    participants: registration.participants.map((p) => ({
      id: p.id,
      name: p.name,
      title: p.title,
      role: isRoleCategory(p.role_category) ? ROLE_CATEGORIES[p.role_category] : p.role_category,
      status: STATUS[p.status],
    })),
  }
}

export default function MunicipalityRegistration() {
  const r = useLoaderData<typeof loader>()
  return (
    <div className="stack-lg">
      <div className="stack">
        <Heading level={1} data-size="lg">
          {r.municipality} kommune: {r.event}
        </Heading>
        <Paragraph>
          {r.dates}.{' '}
          <Link asChild>
            <RemixLink to={`/arrangementer/${r.eventSlug}`}>Program og praktisk informasjon</RemixLink>
          </Link>
          . Påmeldingsfristen er {r.deadline}.
        </Paragraph>
      </div>
      <section aria-labelledby="kontaktperson" className="stack">
        <Heading level={2} data-size="md" id="kontaktperson">
          Kontaktperson
        </Heading>
        {r.contact ? (
          <dl className="facts">
            <dt>Navn</dt>
            <dd>{r.contact.name}</dd>
            <dt>E-post</dt>
            <dd>{r.contact.email}</dd>
            {r.contact.phone ? (
              <>
                <dt>Telefon</dt>
                <dd>{r.contact.phone}</dd>
              </>
            ) : null}
            {r.contact.title ? (
              <>
                <dt>Stilling</dt>
                <dd>{r.contact.title}</dd>
              </>
            ) : null}
          </dl>
        ) : (
          <Paragraph>Kommunen har ikke valgt kontaktperson ennå.</Paragraph>
        )}
        <Paragraph>
          <Link asChild>
            <RemixLink to={`/kommune/${r.id}/kontaktperson`}>
              {r.role === 'contact_person' ? 'Gi rollen som kontaktperson til en kollega' : 'Endre kontaktperson'}
            </RemixLink>
          </Link>
        </Paragraph>
      </section>
      <section aria-labelledby="deltakere" className="stack">
        <Heading level={2} data-size="md" id="deltakere">
          Deltakere
        </Heading>
        {r.participants.length === 0 ? (
          <Paragraph>Ingen deltakere er påmeldt ennå.</Paragraph>
        ) : (
          <Table>
            <caption>Påmeldte fra {r.municipality} kommune</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>Navn</Table.HeaderCell>
                <Table.HeaderCell>Stilling</Table.HeaderCell>
                <Table.HeaderCell>Rolle</Table.HeaderCell>
                <Table.HeaderCell>Status</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {r.participants.map((p) => (
                <Table.Row key={p.id}>
                  <Table.Cell>{p.name}</Table.Cell>
                  <Table.Cell>{p.title}</Table.Cell>
                  <Table.Cell>{p.role}</Table.Cell>
                  <Table.Cell>{p.status}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.municipality} kommune – ${data.event} – Klimasamling` : 'Klimasamling' },
]
