/** Every path no other route knows: the Norwegian 404 page from the root error boundary. */
export async function loader() {
  throw new Response('Fant ikke siden', { status: 404 })
}

export default function NotFound() {
  return null
}
