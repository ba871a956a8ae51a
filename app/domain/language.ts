import type { LanguageForm } from '../../db/schema'

export type { LanguageForm }

/**
 * The two written forms of Norwegian the product speaks (decision 054). Every
 * text a person reads is written in both, side by side where it is used:
 *
 *     const text = texts({
 *       nb: { heading: 'Deltakere', count: (n: number) => `${n} påmeldte` },
 *       nn: { heading: 'Deltakarar', count: (n: number) => `${n} påmelde` },
 *     })
 *     text[languageForm].heading
 *
 * The nynorsk half must have exactly the keys of the bokmål half, with the
 * same types, so a text missing in one form fails the typecheck, not the page.
 */
export const LANGUAGE_FORMS = ['nb', 'nn'] as const satisfies readonly LanguageForm[]

/** The query parameter of the switch in the header (`?maalform=nn` on any page). */
export const LANGUAGE_PARAM = 'maalform'

export function isLanguageForm(value: unknown): value is LanguageForm {
  return value === 'nb' || value === 'nn'
}

export function otherLanguageForm(form: LanguageForm): LanguageForm {
  return form === 'nb' ? 'nn' : 'nb'
}

/** The form's name in itself, for the switch: "Bokmål", "Nynorsk". */
export const LANGUAGE_FORM_NAMES: Record<LanguageForm, string> = { nb: 'Bokmål', nn: 'Nynorsk' }

// biome-ignore lint/suspicious/noExplicitAny: a text is a string or any function that makes one
type Text = string | ((...args: any[]) => string) | readonly string[] | { readonly [key: string]: Text }

/** Both forms of a set of texts; nynorsk has bokmål's keys and types, no more and no fewer. */
export function texts<T extends { readonly [key: string]: Text }>(both: { nb: T; nn: NoInfer<T> }): Record<LanguageForm, T> {
  return both
}

/**
 * One message in both forms, as one string, for the places that can only
 * carry a string: zod's issue messages in the domain's form schemas, which are
 * read long before anyone knows the reader. `inLanguage` picks the reader's
 * half where the message is shown (app/utils/forms.server.ts, and again in
 * app/components/form.tsx). The separator is the ASCII unit separator, which
 * no form text can hold (app/domain/forms.ts refuses control characters).
 */
const SEPARATOR = '\u001f'

export function bilingual(nb: string, nn: string): string {
  return `${nb}${SEPARATOR}${nn}`
}

/** The reader's half of a `bilingual` message; any other text as it is. */
export function inLanguage(message: string, form: LanguageForm): string {
  const at = message.indexOf(SEPARATOR)
  if (at < 0) return message
  return form === 'nb' ? message.slice(0, at) : message.slice(at + 1)
}

/** "1 234" (a narrow no-break space between thousands), the same in both forms. */
export function formatNumber(value: number): string {
  return value.toLocaleString('nb-NO')
}
