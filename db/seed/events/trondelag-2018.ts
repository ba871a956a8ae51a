import type { EventSeed } from '../event-seed'

const parallelBeforeLunch = [
  'Hvordan revidere klima- og energiplanen slik at den blir effektiv',
  'Klimavennlig by-/tettstedsutvikling og planarbeid',
  'Klimasmart landbruk',
  'Klimaledelse i kommunene – ved CICERO og KS',
]

const parallelAfterLunch = [
  'Hvordan revidere klima- og energiplanen slik at den blir effektiv?',
  'Klimavennlig by-/tettstedsutvikling og planarbeid',
  'Klimakrav i offentlige anskaffelser / innovative anskaffelser – ved Difi',
  'Hvordan skape engasjement og etterspørsel etter klimatiltak lokalt (i kommunens organisasjon, blant innbyggere, næringsliv etc.)',
]

const parallelPurpose =
  'Kommuner som er spesielt interessert i å følge opp arbeid innen temaet, får fordype seg og diskutere med eksperter og andre kommuner ' +
  'hvordan kommunen(e) kan jobbe videre med det. Der det er relevant, inngår et lite Klimasats-verksted med Miljødirektoratet.'

/**
 * Klimasamling for kommunene i Trøndelag, Scandic Hell, Stjørdal, 27.–28.
 * november 2018 (shared/source/004). The source gives the deadline both as 20
 * October and 20 November; DESIGN.md §2 settles on 20 October. Room block,
 * release date, capacities and the opening of registration are not in the
 * announcement and are plausible settings.
 */
export const trondelag2018: EventSeed = {
  slug: 'klimasamling-trondelag-2018',
  title: 'Klimasamling for kommunene i Trøndelag',
  description:
    'Alle kommuner i Trøndelag, samt Rindal og Halsa kommune i Møre og Romsdal, er invitert til samling på Hell. ' +
    'Formålet er å hjelpe kommunene i arbeidet med å redusere klimagassutslipp. Kommunene vil få presentert eksempler på effektive ' +
    'lokale tiltak, informasjon om innkjøpsregler og støtteordninger, og gode muligheter til å konkretisere tiltak og samarbeid med andre kommuner.\n\n' +
    'Dag 1 er en møteplass for ledere og fag- og saksansvarlige, med klimaledelse og forankring av klimaarbeidet som viktig tema. ' +
    'Dag 2 er lagt opp som innlegg og diskusjoner i tematiske grupper: 4 parallelle sesjoner før lunsj og like mange etter. ' +
    'En deltaker kan bare delta på to av dem, så det kan være en fordel å delta med flere personer. ' +
    'Kryss av for ønskede temaer, slik at de mest aktuelle temaene blir prioritert. Klimatilpasning er ikke tema på denne samlingen.',
  countyNumber: '50',
  extraMunicipalities: ['1567', '1571'],
  venue: 'Scandic Hell, Stjørdal',
  address: 'Hell, 7517 Stjørdal',
  hotelName: 'Scandic Hell',
  hotelAddress: 'Hell, 7517 Stjørdal',
  start: ['2018-11-27', '10:00'],
  end: ['2018-11-28', '15:00'],
  registrationOpens: ['2018-09-03', '09:00'],
  deadline: ['2018-10-20', '23:59'],
  organisingBodies: [
    'Miljødirektoratet',
    'Klimaråd Trøndelag (Fylkesmannen i Trøndelag, Trøndelag fylkeskommune og KS)',
    'Direktoratet for forvaltning og IKT (Difi)',
  ],
  organiserContact: { name: 'Håvard Kleppa, Miljødirektoratet', email: 'havard.kleppa@example.no' },
  replyTo: 'klimasamling-trondelag@example.no',
  audience:
    'Ledere, fagansvarlige og saksbehandlere. Vi oppfordrer kommunene til å være representert med leder(e), gjerne på kommunalsjefnivå, ' +
    'sammen med saksbehandlere på dag 1. Kommunen bør også tenke på hvilke fagområder som bør være representert. Vi oppfordrer særlig ' +
    'innkjøpsansvarlige til å delta, ettersom grønne anskaffelser blir tema begge dager. Næringsutvikling, planarbeid og integrering av ' +
    'klima i resultat- og målstyring (klimaledelse) er andre sentrale temaer.',
  coverage: {
    overnightPerMunicipality: 2,
    dayPackagesPerMunicipality: 1,
    priceOvernightPackageKr: 2500,
    priceDayPackageKr: 650,
    priceDinnerKr: null,
    pricesAreApproximate: true,
    selfPaidBilledBy: 'organiser',
    extrasPricing: 'listed',
    extrasPricingNote: '',
  },
  days: [
    { date: '2018-11-27', label: 'Dag 1', start: '10:00', end: '21:00', meals: ['lunsj', 'middag'] },
    { date: '2018-11-28', label: 'Dag 2', start: '09:00', end: '15:00', meals: ['frokost', 'lunsj'] },
  ],
  nights: [{ date: '2018-11-27', rooms: 110, releaseDate: '2018-10-27', covered: true, requiresReason: false }],
  slots: [
    {
      key: 'dag2-for-lunsj',
      date: '2018-11-28',
      label: 'Parallelle sesjoner før lunsj',
      description: parallelPurpose,
      start: '09:30',
      end: '11:30',
    },
    {
      key: 'dag2-etter-lunsj',
      date: '2018-11-28',
      label: 'Parallelle sesjoner etter lunsj',
      description: parallelPurpose,
      start: '12:30',
      end: '14:30',
    },
  ],
  program: [
    {
      date: '2018-11-27',
      start: '10:00',
      end: '10:30',
      kind: 'plenary',
      title: 'Velkommen',
      speakers: ['Tomas Iver Hallem, fylkesvaraordfører i Trøndelag', 'Audun Rosland, leder av klimaavdelingen i Miljødirektoratet'],
    },
    {
      date: '2018-11-27',
      start: '10:30',
      end: '10:45',
      kind: 'plenary',
      title: 'Status for klimasamarbeid i regionen. Hva er planene framover?',
      speakers: ['Vigdis Espnes Landheim, seksjonsleder plan, Trøndelag fylkeskommune'],
    },
    {
      date: '2018-11-27',
      start: '10:45',
      end: '11:30',
      kind: 'plenary',
      title: 'Eksempler på lokalt klimaarbeid i regionen',
      description:
        'Fra plan til handling og institusjonalisering/forankring: presentasjoner fra Overhalla, Stjørdal («Klimatiltak på dagsorden i kommunens styre og stell») og Ørland kommuner.\n' +
        'Eksempler på smart bruk av Klimasats-midler: Levanger kommune om bysykkelprosjekt og prosjektet «Reis smart»; ' +
        'Indre Fosen kommune om prosjektet «matsvinn» og holdningsskapende arbeid i skole; ' +
        'Trondheim kommune om fossilfrie bygg- og anleggsprosjekter.',
    },
    { date: '2018-11-27', start: '11:30', end: '12:30', kind: 'meal', title: 'Lunsj' },
    { date: '2018-11-27', start: '12:30', end: '13:30', kind: 'plenary', title: 'Eksempler på lokalt klimaarbeid fortsetter' },
    { date: '2018-11-27', start: '13:30', end: '13:45', kind: 'break', title: 'Pause' },
    {
      date: '2018-11-27',
      start: '13:45',
      end: '14:15',
      kind: 'plenary',
      title: 'Hvordan bruke anskaffelser og grønne investeringer til å redusere klimagassutslipp?',
      speakers: ['Direktoratet for forvaltning og IKT (Difi)'],
    },
    {
      date: '2018-11-27',
      start: '14:15',
      end: '14:45',
      kind: 'plenary',
      title: 'Klimaledelse: Hvordan integrere klimaarbeidet i kommunens øvrige arbeid?',
      speakers: ['Kjetil Bjørklund, fagleder for klima i KS, i samarbeid med CICERO Senter for klimaforskning'],
    },
    { date: '2018-11-27', start: '14:45', end: '15:15', kind: 'break', title: 'Pause' },
    {
      date: '2018-11-27',
      start: '15:15',
      end: '17:00',
      kind: 'plenary',
      title: 'Veien videre for klimaarbeidet i kommunene i regionen',
      description:
        'Samtale mellom politikere, kommuneledere, forskere og representanter fra næringslivet og staten. ' +
        'Hva kreves og forventes av kommunen? Hva slags tiltak bør vi satse på i vår del av landet? ' +
        'Hvordan styrke arbeidet og få med alle kommunene? Hva kan og bør vi gjøre sammen på tvers av kommuner? ' +
        'Til slutt: oppsummering av diskusjonen og oppspill til dag 2.',
      speakers: [
        'Jørn Arvid Andersen, direktør ASKO',
        'Audun Rosland, leder av klimaavdelingen i Miljødirektoratet',
        'Vigdis Espnes Landheim, seksjonsleder plan, Trøndelag fylkeskommune',
      ],
    },
    { date: '2018-11-27', start: '17:00', end: '18:30', kind: 'break', title: 'Fri/til disposisjon' },
    { date: '2018-11-27', start: '18:30', kind: 'meal', title: 'Middag' },
    {
      date: '2018-11-28',
      start: '09:00',
      end: '09:30',
      kind: 'plenary',
      title: 'Slik kan kommunene bruke støtteordningen Klimasats i 2019',
      speakers: ['Kirvil Stoltenberg, Miljødirektoratet'],
    },
    ...parallelBeforeLunch.map((title) => ({
      date: '2018-11-28',
      start: '09:30',
      end: '11:30',
      kind: 'parallel' as const,
      slot: 'dag2-for-lunsj',
      title,
      capacity: 40,
    })),
    { date: '2018-11-28', start: '11:30', end: '12:30', kind: 'meal', title: 'Lunsj' },
    ...parallelAfterLunch.map((title) => ({
      date: '2018-11-28',
      start: '12:30',
      end: '14:30',
      kind: 'parallel' as const,
      slot: 'dag2-etter-lunsj',
      title,
      capacity: 40,
    })),
    {
      date: '2018-11-28',
      start: '14:30',
      end: '15:00',
      kind: 'plenary',
      title: 'Oppsummering og veien videre',
      description:
        'Hva har vi lært om hvordan vi kan styrke klimaarbeidet lokalt? Dialog med deltakerne om funn fra workshopene og samlingen for øvrig, ledet av ordstyrer.',
    },
    { date: '2018-11-28', start: '15:00', kind: 'plenary', title: 'Slutt' },
  ],
  topics: [
    'Klima- og energiplan som virker',
    'Klimavennlig by-/tettstedsutvikling og planarbeid',
    'Klimasmart landbruk',
    'Klimaledelse i kommunene',
    'Klimakrav i offentlige og innovative anskaffelser',
    'Engasjement og etterspørsel etter klimatiltak lokalt',
  ],
}
