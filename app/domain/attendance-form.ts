import { z } from 'zod'

/** Who joined a webinar (decision 047): the digital session and the participants ticked; none ticked is an empty list. */
export const webinarAttendanceFormSchema = z.object({ itemId: z.uuid(), participantIds: z.array(z.uuid()).optional() })
