/**
 * One source for the HTML and the plain-text part of a message, so the two
 * never say different things.
 */
export interface RenderedEmail {
  subject: string
  html: string
  text: string
}

export interface EmailContent {
  lang: 'nb' | 'nn'
  subject: string
  heading: string
  paragraphs: string[]
  /** Label and value pairs after the paragraphs: a table in HTML, "Label: value" lines in text. */
  facts?: Array<{ label: string; value: string }>
  /** Paragraphs after the facts. */
  closing?: string[]
  link?: { href: string; text: string }
  /** An image after the facts, from an inline attachment (`cid`), with its text alternative and a line under it (also the text part's). */
  image?: { cid: string; alt: string; size: number; caption: string }
}

/**
 * A personal link (by token, opened without logging in) in a nynorsk email
 * opens its page in nynorsk: the app's language switch (`?maalform=nn`, decision
 * 054) is added, which the page remembers on that device. A bokmål email's link
 * is left as it is: bokmål is the pages' default, and a person's own choice stays.
 */
export function personalLink(href: string, languageForm: 'nb' | 'nn'): string {
  if (languageForm === 'nb') return href
  const url = new URL(href)
  url.searchParams.set('maalform', 'nn')
  return url.href
}

const escapeHtml = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

export function renderEmail(content: EmailContent): RenderedEmail {
  const paragraphs = content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')
  const facts = content.facts?.length
    ? `<table role="presentation" style="border-collapse: collapse; margin: 1rem 0;">\n${content.facts
        .map(
          (f) =>
            `<tr><th scope="row" style="text-align: left; vertical-align: top; padding: 0.25rem 1rem 0.25rem 0;">${escapeHtml(f.label)}</th><td style="padding: 0.25rem 0;">${escapeHtml(f.value)}</td></tr>`,
        )
        .join('\n')}\n</table>`
    : ''
  const image = content.image
    ? `<p><img src="cid:${escapeHtml(content.image.cid)}" alt="${escapeHtml(content.image.alt)}" width="${content.image.size}" height="${content.image.size}"></p>\n<p>${escapeHtml(content.image.caption)}</p>`
    : ''
  const closing = (content.closing ?? []).map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')
  const link = content.link ? `<p><a href="${escapeHtml(content.link.href)}">${escapeHtml(content.link.text)}</a></p>` : ''
  const html = `<!doctype html>
<html lang="${content.lang}">
<head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="font-family: Inter, Arial, sans-serif; line-height: 1.5; color: #1e2b3c; max-width: 40rem;">
<h1 style="font-size: 1.375rem;">${escapeHtml(content.heading)}</h1>
${paragraphs}
${facts}
${image}
${closing}
${link}
</body>
</html>
`
  const text = [
    content.heading,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.facts?.length ? [...content.facts.map((f) => `${f.label}: ${f.value}`), ''] : []),
    ...(content.image ? [content.image.caption, ''] : []),
    ...(content.closing ?? []).flatMap((p) => [p, '']),
    ...(content.link ? [`${content.link.text}: ${content.link.href}`, ''] : []),
  ].join('\n')
  return { subject: content.subject, html, text }
}
