import { z } from 'zod'
import { idField, idsField } from './forms'

/** Who joined a webinar (decision 047): the digital session and the participants ticked; none ticked is an empty list. */
export const webinarAttendanceFormSchema = z.object({ itemId: idField(), participantIds: idsField() })
