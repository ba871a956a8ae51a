/**
 * The labels of the forms' fields, as the error summary names them. They live
 * apart from the forms' zod schemas (the *-form.ts modules), so the pages that
 * show them do not carry zod to the browser (decision 37, docs/decisions).
 */

export const personFieldLabels = {
  name: 'Navn',
  email: 'E-post',
  phone: 'Telefon',
  title: 'Stilling',
}

export const participantFieldLabels = {
  name: 'Navn',
  email: 'E-post',
  phone: 'Telefon',
  title: 'Stilling',
  roleCategory: 'Rolle',
  fieldsOfWork: 'Fagområder',
  dayIds: 'Dager',
  nightIds: 'Hotellnetter',
  longTravelReason: 'Begrunnelse for ekstra natt',
  diet: 'Kosthold',
  allergies: 'Allergier',
  accessibilityNeeds: 'Behov for tilrettelegging',
  topicIds: 'Ønskede temaer',
  sessionIds: 'Sesjoner',
}

export const organiserMessageLabels = { subject: 'Emne', body: 'Melding' }
