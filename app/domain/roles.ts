import type { LanguageForm } from './language'

/** Role categories of a participant (DESIGN.md §3), with their labels in both written forms. */
export const ROLE_CATEGORY_LABELS = {
  nb: {
    ordforer: 'Ordfører',
    varaordforer: 'Varaordfører',
    kommunedirektor: 'Kommunedirektør/rådmann',
    kommunalsjef: 'Kommunalsjef/leder',
    fagansvarlig: 'Fagansvarlig',
    radgiver: 'Rådgiver/saksbehandler',
    politiker: 'Politiker',
    ungdomsrepresentant: 'Ungdomsrepresentant',
    annet: 'Annet',
  },
  nn: {
    ordforer: 'Ordførar',
    varaordforer: 'Varaordførar',
    kommunedirektor: 'Kommunedirektør/rådmann',
    kommunalsjef: 'Kommunalsjef/leiar',
    fagansvarlig: 'Fagansvarleg',
    radgiver: 'Rådgivar/sakshandsamar',
    politiker: 'Politikar',
    ungdomsrepresentant: 'Ungdomsrepresentant',
    annet: 'Anna',
  },
} as const satisfies Record<LanguageForm, Record<string, string>>

/** The categories by key, with their bokmål labels (for the keys; show `ROLE_CATEGORY_LABELS[form]`). */
export const ROLE_CATEGORIES = ROLE_CATEGORY_LABELS.nb

export type RoleCategory = keyof typeof ROLE_CATEGORIES

/** Fields of work (fagområder) a participant can tick, in both written forms. */
export const FIELD_OF_WORK_LABELS = {
  nb: {
    utslippskutt: 'Utslippskutt',
    klimatilpasning: 'Klimatilpasning',
    miljo_og_barekraft: 'Miljø og bærekraft',
    anskaffelser: 'Anskaffelser',
    naringsutvikling: 'Næringsutvikling',
    areal_og_transport: 'Areal- og transportplanlegging',
    landbruk: 'Landbruk',
    bygg_og_eiendom: 'Bygg og eiendom',
    annet: 'Annet',
  },
  nn: {
    utslippskutt: 'Utsleppskutt',
    klimatilpasning: 'Klimatilpassing',
    miljo_og_barekraft: 'Miljø og berekraft',
    anskaffelser: 'Innkjøp',
    naringsutvikling: 'Næringsutvikling',
    areal_og_transport: 'Areal- og transportplanlegging',
    landbruk: 'Landbruk',
    bygg_og_eiendom: 'Bygg og eigedom',
    annet: 'Anna',
  },
} as const satisfies Record<LanguageForm, Record<string, string>>

/** The fields by key, with their bokmål labels (for the keys; show `FIELD_OF_WORK_LABELS[form]`). */
export const FIELDS_OF_WORK = FIELD_OF_WORK_LABELS.nb

export type FieldOfWork = keyof typeof FIELDS_OF_WORK

export function isRoleCategory(value: string): value is RoleCategory {
  return Object.hasOwn(ROLE_CATEGORIES, value)
}

/** "Ordfører og kommunedirektør/rådmann" for a restricted session ("Ordførar og …" in nynorsk). */
export function describeRoles(roles: readonly string[], languageForm: LanguageForm): string {
  const labels = roles.filter(isRoleCategory).map((r, i) => {
    const label: string = ROLE_CATEGORY_LABELS[languageForm][r]
    return i === 0 ? label : label.toLowerCase()
  })
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} og ${labels.at(-1)}`
}
