import { z } from 'zod'
import { checkboxField, emailField, idField, idsField, INVALID_CHOICE, nameField, optionalText as textField, phoneField, requiredText } from './forms'
import { bilingual } from './language'
import { FIELDS_OF_WORK, ROLE_CATEGORIES, type RoleCategory } from './roles'
import type { PostedWishes } from './session-wishes'

/**
 * The contact person's form for one participant. Sessions come from one radio
 * group per parallel slot (`slot:<id>`) and from sign-up checkboxes; the route
 * gathers them into `sessionIds` before parsing.
 */
const optionalText = (max: number) => textField(max)
const ids = idsField()

const participantFields = z.object({
  idempotencyKey: idField(),
  name: nameField,
  email: emailField,
  phone: phoneField,
  title: requiredText({ nb: 'Skriv inn stillingen.', nn: 'Skriv inn stillinga.' }, 200, {
    tooLong: { nb: 'Stillingen er for lang.', nn: 'Stillinga er for lang.' },
  }),
  roleCategory: z.enum(Object.keys(ROLE_CATEGORIES) as [RoleCategory], { error: bilingual('Velg rolle.', 'Vel rolle.') }),
  fieldsOfWork: z
    .array(
      z.enum(Object.keys(FIELDS_OF_WORK) as [keyof typeof FIELDS_OF_WORK], { error: bilingual('Velg fagområder fra listen.', 'Vel fagområde frå lista.') }),
      {
        error: INVALID_CHOICE,
      },
    )
    .optional(),
  dayIds: z.array(idField(), { error: bilingual('Velg minst én dag.', 'Vel minst éin dag.') }).min(1, bilingual('Velg minst én dag.', 'Vel minst éin dag.')),
  nightIds: ids,
  longTravelReason: optionalText(500),
  attendsDinner: checkboxField(),
  diet: optionalText(500),
  allergies: optionalText(500),
  accessibilityNeeds: optionalText(1000),
  topicIds: ids,
  sessionIds: ids,
})

type ParticipantFields = Omit<z.output<typeof participantFields>, 'idempotencyKey'>

/** A participant as the services take it. */
export interface ParticipantInput {
  name: string
  email: string
  phone: string | null
  title: string
  roleCategory: RoleCategory
  fieldsOfWork: string[]
  dayIds: string[]
  nightIds: string[]
  longTravelReason: string | null
  attendsDinner: boolean
  diet: string | null
  allergies: string | null
  accessibilityNeeds: string | null
  topicIds: string[]
  sessionIds: string[]
  /** Ranked wishes for parallel sessions (`gatherWishes`), for an event by wishes; left out, an edit keeps the wishes held. */
  wishes?: PostedWishes
}

/** Empty answers become null or [], the dinner checkbox a boolean. */
function toParticipantInput(f: ParticipantFields): ParticipantInput {
  return {
    name: f.name,
    email: f.email,
    phone: f.phone ?? null,
    title: f.title,
    roleCategory: f.roleCategory,
    fieldsOfWork: unique(f.fieldsOfWork ?? []),
    dayIds: unique(f.dayIds),
    nightIds: unique(f.nightIds ?? []),
    longTravelReason: f.longTravelReason || null,
    attendsDinner: f.attendsDinner === 'on',
    diet: f.diet || null,
    allergies: f.allergies || null,
    accessibilityNeeds: f.accessibilityNeeds || null,
    topicIds: unique(f.topicIds ?? []),
    sessionIds: unique(f.sessionIds ?? []),
  }
}

/** A list posted twice over (a repeated checkbox) means the same as once. */
function unique<T>(values: T[]): T[] {
  return [...new Set(values)]
}

/** A new participant; the idempotency key makes a repeated post return the first result. */
export const participantFormSchema = participantFields.transform((f) => ({ idempotencyKey: f.idempotencyKey, ...toParticipantInput(f) }))

/** Changes to an enrolled participant: the same fields, no key (saving twice changes nothing more). */
export const participantEditSchema = participantFields.omit({ idempotencyKey: true }).transform(toParticipantInput)

/** The participant's own choice of sessions, gathered into `sessionIds` like the contact person's form. */
export const sessionChoiceFormSchema = z.object({ sessionIds: ids })

/** Gathers the per-slot radio groups (`slot:<id>`) into `sessionIds`, as the schema expects. */
export function gatherSessionChoices(formData: FormData): FormData {
  const gathered = new FormData()
  for (const [key, value] of formData) {
    if (key.startsWith('slot:')) {
      if (value) gathered.append('sessionIds', value)
    } else gathered.append(key, value)
  }
  return gathered
}

/** The form for a substitute (erstatter): who comes instead, and their role. */
export const substituteFormSchema = z
  .object({
    name: participantFields.shape.name,
    email: emailField,
    phone: participantFields.shape.phone,
    title: participantFields.shape.title,
    roleCategory: participantFields.shape.roleCategory,
  })
  .transform((f) => ({ ...f, phone: f.phone ?? null }))
