/** Role categories of a participant (DESIGN.md §3), with their Norwegian labels. */
export const ROLE_CATEGORIES = {
  ordforer: 'Ordfører',
  varaordforer: 'Varaordfører',
  kommunedirektor: 'Kommunedirektør/rådmann',
  kommunalsjef: 'Kommunalsjef/leder',
  fagansvarlig: 'Fagansvarlig',
  radgiver: 'Rådgiver/saksbehandler',
  politiker: 'Politiker',
  ungdomsrepresentant: 'Ungdomsrepresentant',
  annet: 'Annet',
} as const

export type RoleCategory = keyof typeof ROLE_CATEGORIES

/** Fields of work (fagområder) a participant can tick. */
export const FIELDS_OF_WORK = {
  utslippskutt: 'Utslippskutt',
  klimatilpasning: 'Klimatilpasning',
  miljo_og_barekraft: 'Miljø og bærekraft',
  anskaffelser: 'Anskaffelser',
  naringsutvikling: 'Næringsutvikling',
  areal_og_transport: 'Areal- og transportplanlegging',
  landbruk: 'Landbruk',
  bygg_og_eiendom: 'Bygg og eiendom',
  annet: 'Annet',
} as const

export type FieldOfWork = keyof typeof FIELDS_OF_WORK

export function isRoleCategory(value: string): value is RoleCategory {
  return Object.hasOwn(ROLE_CATEGORIES, value)
}

/** "Ordfører og kommunedirektør/rådmann" for a restricted session. */
export function describeRoles(roles: readonly string[]): string {
  const labels = roles.filter(isRoleCategory).map((r, i) => {
    const label = ROLE_CATEGORIES[r]
    return i === 0 ? label : label.toLowerCase()
  })
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} og ${labels.at(-1)}`
}
