import type { ExpressionBuilder } from 'kysely'

/** `= any($1)` with the ids as one array parameter, so a query's text does not vary with how many there are. */
export const anyOf = (eb: ExpressionBuilder<any, any>, ids: string[]) => eb.fn.any(eb.val(ids))
