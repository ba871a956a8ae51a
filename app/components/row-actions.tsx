import { Button, Link } from '@digdir/designsystemet-react'
import { Form, Link as RemixLink } from '@remix-run/react'

/**
 * "Endre" and "Slett" for one row of an organiser's list: a link that fills
 * the page's form with the row, and a delete form posting `intent` and `id`.
 * `name` completes both for screen readers ("Endre Dag 1").
 */
export function RowActions({ editTo, deleteIntent, id, name }: { editTo: string; deleteIntent: string; id: string; name: string }) {
  return (
    <div className="row-actions">
      <Link asChild>
        <RemixLink to={editTo}>
          Endre<span className="visually-hidden"> {name}</span>
        </RemixLink>
      </Link>
      <Form method="post">
        <input type="hidden" name="intent" value={deleteIntent} />
        <input type="hidden" name="id" value={id} />
        <Button type="submit" variant="tertiary" data-size="sm">
          Slett<span className="visually-hidden"> {name}</span>
        </Button>
      </Form>
    </div>
  )
}
