import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

/**
 * The database as Kysely sees it. Column names stay snake_case, as in Postgres
 * (decision 4, docs/decisions). `date` columns are read as 'YYYY-MM-DD' strings
 * (see create-db.ts), `timestamptz` as Date.
 */

type Timestamp = ColumnType<Date, Date | string, Date | string>
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>
/** A Postgres `date`, read and written as 'YYYY-MM-DD'. */
type DateString = string

export type LanguageForm = 'nb' | 'nn'
/** A municipality's chosen language form; 'neutral' (språknøytral) is written to in bokmål. */
export type LanguageChoice = 'nb' | 'nn' | 'neutral'
export type EventStatus = 'draft' | 'published'
export type ProgramItemKind = 'plenary' | 'parallel' | 'break' | 'meal' | 'social' | 'optional' | 'digital'
export type ParticipantStatus = 'active' | 'cancelled' | 'late_cancelled' | 'substituted'
export type SelfPaidBilledBy = 'organiser' | 'hotel'
/** What extras beyond the covered places cost (decision 31); null: not stated, read from whether the event has prices. */
export type ExtrasPricing = 'listed' | 'free' | 'agreed'
/** How an event hands out seats in its parallel sessions (decision 043). */
export type SessionAllocationMode = 'first_come' | 'by_wishes'
export type AllocationRunMode = 'minimal' | 'full'
export type AllocationRunStatus = 'optimal' | 'time_limit' | 'infeasible' | 'error'
export type SessionAllocationSource = 'solver' | 'kept' | 'manual'
export type CafeMode = 'pick' | 'assign'
export type CafeSeatSource = 'picked' | 'assigned' | 'manual'
export type SurveyQuestionKind = 'single' | 'multiple'

export interface CountyTable {
  number: string
  name: string
}

export interface MunicipalityTable {
  id: Generated<number>
  number: string
  name: string
  county_number: string
  /** The form the municipality has chosen (decision 28); `language_form` follows it. */
  language_choice: ColumnType<LanguageChoice, LanguageChoice | undefined, LanguageChoice>
  /** What we write to it in: generated from `language_choice` (neutral → bokmål), never written. */
  language_form: ColumnType<LanguageForm, never, never>
  official_email: string
  valid_from: DateString
  valid_to: DateString | null
}

/** Where a municipality version was split, merged, renamed or moved county: the versions that took over (decision 28). */
export interface MunicipalitySuccessorTable {
  predecessor_id: number
  successor_id: number
  effective_date: DateString
}

/** What a copied event invited instead of the source's municipalities that had ended (decision 28). */
export interface EventMunicipalityChangeTable {
  event_id: string
  predecessor_id: number
  successor_id: number | null
}

export interface AppUserTable {
  id: Generated<string>
  email: string
  name: string
  phone: string | null
  title: string | null
  is_organiser: Generated<boolean>
  created_at: GeneratedTimestamp
  /** The written form chosen with the switch in the header; null follows the municipality, or bokmål (decision 054). */
  language_form: ColumnType<LanguageForm | null, LanguageForm | null | undefined, LanguageForm | null>
}

export interface EventTable {
  id: Generated<string>
  slug: string
  title: string
  description: Generated<string>
  county_number: string
  venue: string
  address: Generated<string>
  hotel_name: string | null
  hotel_address: string | null
  starts_at: Timestamp
  ends_at: Timestamp
  registration_opens_at: Timestamp
  deadline_at: Timestamp
  is_binding: Generated<boolean>
  organising_bodies: ColumnType<string[], string[] | undefined, string[]>
  organiser_contact_name: string
  organiser_contact_email: string
  reply_to_email: string
  audience_text: Generated<string>
  status: ColumnType<EventStatus, EventStatus | undefined, EventStatus>
  covered_overnight_per_municipality: Generated<number>
  covered_day_packages_per_municipality: Generated<number>
  price_overnight_package_ore: number | null
  price_day_package_ore: number | null
  price_dinner_ore: number | null
  prices_are_approximate: Generated<boolean>
  self_paid_billed_by: ColumnType<SelfPaidBilledBy, SelfPaidBilledBy | undefined, SelfPaidBilledBy>
  travel_paid_by_municipality: Generated<boolean>
  extras_pricing: ColumnType<ExtrasPricing | null, ExtrasPricing | null | undefined, ExtrasPricing | null>
  extras_pricing_note: Generated<string>
  reminder_days_before_deadline: Generated<number>
  personal_data_retention_days: Generated<number>
  personal_data_deleted_at: Timestamp | null
  /** When diet, allergies and accessibility needs were deleted, after the event ended. */
  health_data_deleted_at: Timestamp | null
  session_allocation: ColumnType<SessionAllocationMode, SessionAllocationMode | undefined, SessionAllocationMode>
  /** When the organiser closed the wish round; wishes are changed until then. */
  wish_round_closed_at: Timestamp | null
  /** When the allocation was last published into `session_choice`. */
  allocation_published_at: Timestamp | null
  /** World-café tables (decision 050): participants pick, or the organiser assigns. */
  cafe_mode: ColumnType<CafeMode, CafeMode | undefined, CafeMode>
  /** Whether participants may pick a table now (in 'pick' mode). */
  cafe_picking_open: ColumnType<boolean, boolean | undefined, boolean>
  created_at: GeneratedTimestamp
  updated_at: GeneratedTimestamp
}

export interface EventOrganiserTable {
  event_id: string
  user_id: string
}

/** Read-only members of an event's team (lesetilgang, decision 29): the overview, hotel nights and exports, nothing else. */
export interface EventViewerTable {
  event_id: string
  user_id: string
  added_at: GeneratedTimestamp
}

/** A desk helper (vert i registreringen) of one event: check-in only, no health data. */
export interface EventDeskTable {
  event_id: string
  user_id: string
  added_at: GeneratedTimestamp
}

/** Keys the app signs codes with, made once per database. */
export interface AppSecretTable {
  name: string
  value: Generated<string>
  created_at: GeneratedTimestamp
}

/** Whether a participant has arrived on a day; the operation with the latest device time wins. */
export interface CheckInTable {
  participant_id: string
  event_day_id: string
  arrived: boolean
  changed_at: Timestamp
  changed_by: string | null
  received_at: GeneratedTimestamp
}

/** Every check-in operation received, by the id the device gave it: a repeat is ignored. */
export interface CheckInOperationTable {
  id: string
  event_id: string
  participant_id: string
  event_day_id: string
  arrived: boolean
  made_at: Timestamp
  made_by: string | null
  received_at: GeneratedTimestamp
}

export interface WebinarAttendanceTable {
  participant_id: string
  program_item_id: string
  recorded_at: GeneratedTimestamp
  recorded_by: string | null
}

export interface SurveyTable {
  id: Generated<string>
  event_id: string
  title: string
  /** The event's short code for answering without a link (with one's email). */
  code: string
  opens_at: Timestamp | null
  closes_at: Timestamp | null
  created_at: GeneratedTimestamp
}

export interface SurveyQuestionTable {
  id: Generated<string>
  survey_id: string
  prompt: string
  kind: SurveyQuestionKind
  allows_free_text: ColumnType<boolean, boolean | undefined, boolean>
  sort_order: ColumnType<number, number | undefined, number>
}

export interface SurveyOptionTable {
  id: Generated<string>
  question_id: string
  label: string
  sort_order: ColumnType<number, number | undefined, number>
}

export interface SurveyAnswerTable {
  question_id: string
  participant_id: string
  option_ids: ColumnType<string[], string[] | undefined, string[]>
  free_text: string | null
  answered_at: GeneratedTimestamp
}

export interface CafeTableTable {
  id: Generated<string>
  event_id: string
  survey_option_id: string | null
  topic: string
  room: ColumnType<string, string | undefined, string>
  label: string
  seats: number
  seats_taken: ColumnType<number, number | undefined, number>
  sort_order: ColumnType<number, number | undefined, number>
}

export interface CafeSeatTable {
  participant_id: string
  cafe_table_id: string
  source: CafeSeatSource
  seated_at: GeneratedTimestamp
}

/** A person's request to correct or delete what is stored about them (decision 053). */
export interface DataRequestTable {
  id: Generated<string>
  event_id: string
  user_id: string | null
  participant_id: string | null
  kind: 'correction' | 'deletion'
  message: ColumnType<string, string | undefined, string>
  created_at: GeneratedTimestamp
  handled_at: Timestamp | null
  handled_by: string | null
  outcome: 'done' | 'refused' | null
  outcome_note: ColumnType<string, string | undefined, string>
  idempotency_key: string | null
}

export interface EventDayTable {
  id: Generated<string>
  event_id: string
  date: DateString
  label: string
  starts_at: Timestamp
  ends_at: Timestamp
  meals: ColumnType<string[], string[] | undefined, string[]>
}

export interface HotelNightTable {
  id: Generated<string>
  event_id: string
  night_date: DateString
  rooms_in_block: number
  rooms_taken: Generated<number>
  /** Rooms held for open waiting-list offers (migration 15); the block's check counts them with the rooms taken. */
  rooms_held: Generated<number>
  release_date: DateString | null
  is_covered: Generated<boolean>
  requires_reason: Generated<boolean>
}

export interface ProgramSlotTable {
  id: Generated<string>
  event_id: string
  event_day_id: string
  label: string
  description: Generated<string>
  starts_at: Timestamp
  ends_at: Timestamp
}

export interface ProgramItemTable {
  id: Generated<string>
  event_id: string
  event_day_id: string | null
  slot_id: string | null
  kind: ProgramItemKind
  starts_at: Timestamp
  ends_at: Timestamp | null
  title: string
  description: Generated<string>
  speakers: ColumnType<string[], string[] | undefined, string[]>
  room: string | null
  capacity: number | null
  seats_taken: Generated<number>
  requires_signup: Generated<boolean>
  restricted_to_roles: ColumnType<string[], string[] | undefined, string[]>
  online_url: string | null
  online_url_published_at: Timestamp | null
  sort_order: Generated<number>
}

export interface EventTopicTable {
  id: Generated<string>
  event_id: string
  label: string
  sort_order: Generated<number>
}

export interface RegistrationTable {
  id: Generated<string>
  event_id: string
  municipality_id: number
  invited_at: GeneratedTimestamp
  invitation_sent_at: Timestamp | null
  contact_user_id: string | null
  contact_named_at: Timestamp | null
  extra_overnights_granted: Generated<number>
  extra_day_packages_granted: Generated<number>
  coverage_confirmed_at: Timestamp | null
  reminder_sent_at: Date | null
  coverage_confirmation_hash: string | null
}

export interface ParticipantTable {
  id: Generated<string>
  registration_id: string
  user_id: string | null
  name: string
  email: string
  phone: string | null
  title: Generated<string>
  role_category: string
  fields_of_work: ColumnType<string[], string[] | undefined, string[]>
  attends_dinner: Generated<boolean>
  diet: string | null
  allergies: string | null
  accessibility_needs: string | null
  coverage_rank: number
  status: ColumnType<ParticipantStatus, ParticipantStatus | undefined, ParticipantStatus>
  is_late_addition: Generated<boolean>
  substitute_for_id: string | null
  idempotency_key: string | null
  created_at: GeneratedTimestamp
  updated_at: GeneratedTimestamp
  cancelled_at: Timestamp | null
  /** An organiser's waiver of what this participant costs the municipality (decision 31). */
  charge_waived_reason: ColumnType<string | null, string | null | undefined, string | null>
  charge_waived_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  charge_waived_by: ColumnType<string | null, string | null | undefined, string | null>
  /** What a cancelled participant held, so the cancellation can be undone until the event starts. */
  cancelled_holdings: ColumnType<CancelledHoldings | null, string | null | undefined, string | null>
  /** When the participant's session wishes or days last changed (a re-run keeps the published seats of the others). */
  wishes_changed_at: Timestamp | null
}

export interface CancelledHoldings {
  nightIds: string[]
  sessionIds: string[]
  longTravelReason: string | null
}

export interface ParticipantDayTable {
  participant_id: string
  event_day_id: string
  is_covered_day_package: Generated<boolean>
}

export interface ParticipantNightTable {
  participant_id: string
  hotel_night_id: string
  is_covered: Generated<boolean>
  reason: string | null
}

export interface SessionChoiceTable {
  participant_id: string
  program_item_id: string
  slot_id: string | null
  created_at: GeneratedTimestamp
}

/** A participant's ranked wish for a session of a slot (rank 1 = first choice). */
export interface SessionWishTable {
  participant_id: string
  slot_id: string
  program_item_id: string
  rank: number
  created_at: GeneratedTimestamp
}

/** One press of "Fordel plasser": the solver's answer and the summary the page shows. */
export interface AllocationRunTable {
  id: Generated<string>
  event_id: string
  actor_user_id: string | null
  mode: AllocationRunMode
  status: AllocationRunStatus
  objective: number
  gap: number
  solve_ms: number
  summary: ColumnType<Record<string, unknown>, string | undefined, string>
  created_at: GeneratedTimestamp
}

/** The allocation under review: one seat per participant and slot, published into `session_choice`. */
export interface SessionAllocationTable {
  event_id: string
  participant_id: string
  slot_id: string
  program_item_id: string
  rank: number | null
  source: SessionAllocationSource
  run_id: string | null
  updated_at: GeneratedTimestamp
}

export interface TopicWishTable {
  participant_id: string
  event_topic_id: string
}

export interface AuditLogTable {
  id: Generated<string>
  at: GeneratedTimestamp
  actor_user_id: string | null
  actor_label: string
  event_id: string | null
  registration_id: string | null
  action: string
  entity_type: string
  entity_id: string | null
  before: unknown
  after: unknown
}

export type WaitingListStatus = 'waiting' | 'offered' | 'placed' | 'declined' | 'expired' | 'withdrawn'

/** A participant on the waiting list of a full session or hotel night (exactly one of the two; migration 15). */
export interface WaitingListEntryTable {
  id: Generated<string>
  event_id: string
  participant_id: string
  program_item_id: string | null
  hotel_night_id: string | null
  status: ColumnType<WaitingListStatus, WaitingListStatus | undefined, WaitingListStatus>
  created_at: GeneratedTimestamp
  offered_at: Timestamp | null
  offer_expires_at: Timestamp | null
  offer_token_hash: string | null
  resolved_at: Timestamp | null
}

export type EmailStatus = 'queued' | 'sending' | 'sent' | 'failed'

export interface EmailAttachment {
  filename: string
  contentType: string
  /** Text attachments (calendar files) as they are, which keeps the row small and compressible; others in base64. */
  encoding: 'utf8' | 'base64'
  content: string
  /** An image the HTML shows inline (`<img src="cid:…">`), such as the check-in QR code; absent for a file to open. */
  cid?: string
}

export interface EmailTable {
  id: Generated<string>
  event_id: string | null
  registration_id: string | null
  template: string
  language_form: LanguageForm
  from_address: string
  to_addresses: string[]
  cc_addresses: ColumnType<string[], string[] | undefined, string[]>
  reply_to: string | null
  params: ColumnType<unknown, string, string>
  subject: string | null
  html: string | null
  text: string | null
  attachments: ColumnType<EmailAttachment[], string | undefined, string>
  status: ColumnType<EmailStatus, EmailStatus | undefined, EmailStatus>
  attempts: ColumnType<number, number | undefined, number>
  last_error: string | null
  next_attempt_at: GeneratedTimestamp
  locked_until: Date | null
  sent_at: Date | null
  smtp_message_id: string | null
  dedupe_key: string | null
  created_at: GeneratedTimestamp
}

export interface LoginTokenTable {
  id: Generated<string>
  email: string
  token_hash: string
  code_hash: string
  failed_code_attempts: Generated<number>
  language_form: ColumnType<LanguageForm, LanguageForm | undefined, LanguageForm>
  return_to: string | null
  created_at: Timestamp
  expires_at: Timestamp
  used_at: Timestamp | null
}

export interface UserSessionTable {
  id: Generated<string>
  token_hash: string
  user_id: string
  created_at: Timestamp
  last_seen_at: Timestamp
  expires_at: Timestamp
}

export interface RateLimitCounterTable {
  key: string
  window_start: Timestamp
  /** When the window ends; the scheduled job prunes rows past it. */
  window_end: Timestamp
  count: number
}

export interface InvitationTokenTable {
  id: Generated<string>
  registration_id: string
  token_hash: string
  sent_to: string
  created_at: Timestamp
  used_at: Timestamp | null
}

export interface Database {
  county: CountyTable
  municipality: MunicipalityTable
  municipality_successor: MunicipalitySuccessorTable
  event_municipality_change: EventMunicipalityChangeTable
  app_user: AppUserTable
  event: EventTable
  event_organiser: EventOrganiserTable
  event_viewer: EventViewerTable
  event_desk: EventDeskTable
  app_secret: AppSecretTable
  check_in: CheckInTable
  check_in_operation: CheckInOperationTable
  webinar_attendance: WebinarAttendanceTable
  survey: SurveyTable
  survey_question: SurveyQuestionTable
  survey_option: SurveyOptionTable
  survey_answer: SurveyAnswerTable
  cafe_table: CafeTableTable
  cafe_seat: CafeSeatTable
  data_request: DataRequestTable
  event_day: EventDayTable
  hotel_night: HotelNightTable
  program_slot: ProgramSlotTable
  program_item: ProgramItemTable
  event_topic: EventTopicTable
  registration: RegistrationTable
  participant: ParticipantTable
  participant_day: ParticipantDayTable
  participant_night: ParticipantNightTable
  session_choice: SessionChoiceTable
  topic_wish: TopicWishTable
  session_wish: SessionWishTable
  allocation_run: AllocationRunTable
  session_allocation: SessionAllocationTable
  waiting_list_entry: WaitingListEntryTable
  audit_log: AuditLogTable
  email: EmailTable
  login_token: LoginTokenTable
  user_session: UserSessionTable
  rate_limit_counter: RateLimitCounterTable
  invitation_token: InvitationTokenTable
}

export type Event = Selectable<EventTable>
export type NewEvent = Insertable<EventTable>
export type EventDay = Selectable<EventDayTable>
export type HotelNight = Selectable<HotelNightTable>
export type ProgramSlot = Selectable<ProgramSlotTable>
export type ProgramItem = Selectable<ProgramItemTable>
export type Municipality = Selectable<MunicipalityTable>
export type AppUser = Selectable<AppUserTable>
export type Email = Selectable<EmailTable>
