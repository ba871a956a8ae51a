import { texts } from './language'

/**
 * The labels of the forms' fields, as the error summary names them, in both
 * written forms. They live apart from the forms' zod schemas (the *-form.ts
 * modules), so the pages that show them do not carry zod to the browser
 * (decision 37, docs/decisions).
 */

export const personFieldLabels = texts({
  nb: { name: 'Navn', email: 'E-post', phone: 'Telefon', title: 'Stilling' },
  nn: { name: 'Namn', email: 'E-post', phone: 'Telefon', title: 'Stilling' },
})

export const participantFieldLabels = texts({
  nb: {
    ...personFieldLabels.nb,
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
  },
  nn: {
    ...personFieldLabels.nn,
    roleCategory: 'Rolle',
    fieldsOfWork: 'Fagområde',
    dayIds: 'Dagar',
    nightIds: 'Hotellnetter',
    longTravelReason: 'Grunngiving for ekstra natt',
    diet: 'Kosthald',
    allergies: 'Allergiar',
    accessibilityNeeds: 'Behov for tilrettelegging',
    topicIds: 'Ønskte tema',
    sessionIds: 'Sesjonar',
  },
})

export const organiserMessageLabels = texts({
  nb: { subject: 'Emne', body: 'Melding' },
  nn: { subject: 'Emne', body: 'Melding' },
})
