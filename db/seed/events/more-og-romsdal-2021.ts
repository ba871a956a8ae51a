import type { EventSeed } from '../event-seed'

/**
 * Klimasamling for kommunene i Møre og Romsdal, Ålesund, 11.–12. november 2021,
 * with the physical and the digital program as announced (shared/source/003).
 * Room block sizes, release dates, session capacities and the opening of
 * registration are not in the announcement; the values here are plausible
 * settings an organiser would enter.
 */
export const moreOgRomsdal2021: EventSeed = {
  slug: 'klimasamling-more-og-romsdal-2021',
  title: 'Klimasamling for kommunene i Møre og Romsdal',
  description:
    'Alle kommunene i Møre og Romsdal er invitert til samling for å styrke arbeidet med klimatilpasning og utslippskutt. ' +
    'Samlingen består av en fysisk samling i Ålesund, lunsj til lunsj, og en digital del med webinarer med faglig fordypning, ' +
    'felles med kommunene i Nordland.\n\n' +
    'Formålet er å gi ansatte fra ulike fagområder økt, praktisk kompetanse og knytte kontakt med kollegaer i andre kommuner, ' +
    'med tanke på framtidig samarbeid og deling på kompetanse og ressurser. Topplederforum er en egen sesjon på den fysiske samlingen, ' +
    'kun for ordførere og rådmenn/kommunedirektører.',
  countyNumber: '15',
  extraMunicipalities: [],
  venue: 'Ålesund',
  address: 'Ålesund',
  hotelName: null,
  hotelAddress: null,
  start: ['2021-11-11', '11:00'],
  end: ['2021-11-12', '13:00'],
  registrationOpens: ['2021-08-16', '09:00'],
  deadline: ['2021-09-20', '23:59'],
  organisingBodies: [
    'Miljødirektoratet',
    'Statsforvalteren i Møre og Romsdal',
    'Møre og Romsdal fylkeskommune',
    'Direktoratet for forvaltning og økonomistyring (DFØ)',
    'KS',
    'CICERO Senter for klimaforskning',
  ],
  organiserContact: { name: 'Knut S. Hesla, Miljødirektoratet', email: 'knut.hesla@example.no' },
  replyTo: 'klimasamling-mr@example.no',
  audience:
    'Vi oppfordrer kommunene til å være representert med flere personer på samlingen, både fordi det er mange i kommunen som er viktige ' +
    'for framdriften i klimaarbeidet, og fordi det kan øke sjansene for et løft i klimaarbeidet etter samlingen. Leder og fagansvarlige ' +
    'for utslippskutt, klimatilpasning, miljø og bærekraft, anskaffelser, næringsutvikling, planlegging (bolig-, areal- og ' +
    'transportplanlegging), landbruk, bygg- og eiendomsforvaltning er alle viktige i dette arbeidet – og kanskje også andre.',
  coverage: {
    overnightPerMunicipality: 4,
    dayPackagesPerMunicipality: 0,
    priceOvernightPackageKr: null,
    priceDayPackageKr: null,
    priceDinnerKr: null,
    pricesAreApproximate: false,
    selfPaidBilledBy: 'organiser',
    // "Pris: Gratis for kommunene"; day packages beyond the four may be covered, decided after the deadline.
    extrasPricing: 'agreed',
    extrasPricingNote:
      'Samlingen er gratis for kommunene. Arrangøren dekker overnatting for inntil fire personer per kommune, og vurderer etter fristen ' +
      'om flere dagpakker (uten overnatting) kan dekkes. Overnatting utover de fire betaler kommunen etter hotellets pris, som arrangøren ' +
      'avtaler med kommunen.',
  },
  days: [
    { date: '2021-11-11', label: 'Dag 1', start: '10:30', end: '22:00', meals: ['lunsj', 'middag'] },
    { date: '2021-11-12', label: 'Dag 2', start: '08:30', end: '13:00', meals: ['frokost', 'lunsj'] },
  ],
  nights: [
    { date: '2021-11-10', rooms: 30, releaseDate: '2021-10-11', covered: true, requiresReason: true },
    { date: '2021-11-11', rooms: 110, releaseDate: '2021-10-11', covered: true, requiresReason: false },
  ],
  slots: [{ key: 'dag1-parallell', date: '2021-11-11', label: 'Parallelle sesjoner', start: '14:30', end: '16:00' }],
  program: [
    { date: '2021-11-11', start: '10:30', end: '12:30', kind: 'plenary', title: 'Registreringen åpner – åpen fram til kl. 12.30' },
    { date: '2021-11-11', start: '11:30', end: '12:30', kind: 'meal', title: 'Lunsj' },
    {
      date: '2021-11-11',
      start: '12:30',
      end: '12:45',
      kind: 'plenary',
      title: 'Åpning',
      speakers: ['Else May Botten Norderhus, statsforvalter i Møre og Romsdal'],
    },
    {
      date: '2021-11-11',
      start: '12:45',
      end: '12:55',
      kind: 'plenary',
      title: 'Hva betyr det for oss å jobbe helhetlig med klima i kommunen?',
      speakers: ['Eva Vinje Aurdal, ordfører i Ålesund kommune'],
    },
    {
      date: '2021-11-11',
      start: '12:55',
      end: '13:00',
      kind: 'plenary',
      title: 'Litt praktisk info',
      speakers: ['Espen Larsen, ordstyrer'],
    },
    {
      date: '2021-11-11',
      start: '13:00',
      end: '13:30',
      kind: 'plenary',
      title: 'Status for klima- og klimatilpasningsarbeidet i fylket',
      speakers: ['Ingunn Bekken Sjåholm, fylkesplansjef'],
    },
    {
      date: '2021-11-11',
      start: '13:30',
      end: '14:00',
      kind: 'plenary',
      title: 'Hva betyr det å jobbe helhetlig med klima i kommunen?',
      description:
        'Utslippene skal til null om noen tiår, og samtidig fører nytt klima til mer risiko – hva må kommunene gjøre, og hva kan staten gjøre for kommunene?',
      speakers: ['Herdis Laupsa, Miljødirektoratet'],
    },
    { date: '2021-11-11', start: '14:00', end: '14:30', kind: 'break', title: 'Pause' },
    {
      date: '2021-11-11',
      start: '14:30',
      end: '16:00',
      kind: 'parallel',
      slot: 'dag1-parallell',
      title: 'Parallell 1: Topplederforum for ordførere og rådmenn',
      description:
        '1,5 timer uten fastlagt program. Her skal ordførere og rådmenn få snakke fritt om hva de ser på som utfordringer og muligheter ' +
        'i klimaarbeidet, og dele tanker om hvordan kommunene skal komme videre i omstillingen. ' +
        'Plenumsinnledere fra samlingen deltar som ressurspersoner.',
      speakers: ['Kjetil Bjørklund, KS (ordstyrer)'],
      capacity: 60,
      restrictedTo: ['ordforer', 'kommunedirektor'],
    },
    {
      date: '2021-11-11',
      start: '14:30',
      end: '16:00',
      kind: 'parallel',
      slot: 'dag1-parallell',
      title: 'Parallell 2: For øvrige deltakere',
      description:
        'Planarbeidet som navet i helhetlig klimaarbeid som tar hensyn til både utslippskutt, tilpasning og naturmangfold. Ved Miljødirektoratet m.fl.\n' +
        'Grønne anskaffelser som strategisk verktøy. Ved Direktoratet for forvaltning og økonomistyring (DFØ).\n' +
        'Hvordan skal vi egentlig få med oss folk på omstilling til et grønnere samfunn? Hvordan kan vi skape engasjement rundt ' +
        'klimaarbeidet og tiltakene i kommunene våre? Og hvordan forteller vi og får ut de gode historiene om arbeidet vi gjør? ' +
        'Ved Astrid Arnslett, CICERO Senter for klimaforskning.',
      speakers: ['Miljødirektoratet', 'DFØ', 'Astrid Arnslett, CICERO Senter for klimaforskning'],
      capacity: 150,
    },
    { date: '2021-11-11', start: '16:00', end: '16:15', kind: 'break', title: 'Pause' },
    {
      date: '2021-11-11',
      start: '16:15',
      end: '17:00',
      kind: 'plenary',
      title: 'Hvor ligger gevinstene i et aktivt klimaarbeid?',
      description:
        'Hvordan «institusjonalisere» klimaarbeidet i kommunen og utnytte de lokale fordelene enda bedre.\n' +
        'Klimaarbeidet som motor i utvikling av framtidsretta arbeidsplasser.\n' +
        'Klimaarbeidet som driver for å bygge en mer attraktiv kommune.',
      speakers: [
        'Kjetil Bjørklund, fagleder for klima i KS',
        'Espen Remme, regiondirektør i NHO Møre og Romsdal',
        'Gunnar Wangen, leder for plan og miljø, Ørsta kommune',
      ],
    },
    {
      date: '2021-11-11',
      start: '17:00',
      end: '18:00',
      kind: 'plenary',
      title: 'En samtale om hvordan kommunene kan styrke klimaarbeidet',
      speakers: [
        'Odd Arild Bugge, kommunedirektør, Tingvoll kommune',
        'Liv Kjersti Finholt, klimarådgiver, Ålesund kommune',
        'Espen Remme, regiondirektør i NHO Møre og Romsdal',
        'Anne Melbø, klimakoordinator hos statsforvalteren i Møre og Romsdal',
        'Kjetil Bjørklund, fagleder for klima i KS',
        'Ungdomsrepresentant (ikke bekreftet)',
      ],
    },
    {
      date: '2021-11-11',
      start: '18:00',
      end: '19:00',
      kind: 'optional',
      title: 'Besøk til Framtidslabben (frivillig)',
      capacity: 40,
      requiresSignup: true,
    },
    { date: '2021-11-11', start: '19:30', kind: 'meal', title: 'Middag' },
    {
      date: '2021-11-12',
      start: '08:30',
      end: '09:00',
      kind: 'plenary',
      title: 'Lokale eksempler på klimaarbeid til inspirasjon!',
    },
    {
      date: '2021-11-12',
      start: '09:00',
      end: '09:30',
      kind: 'plenary',
      title: 'Klimatilpasning og beredskap',
      description: 'Hvorfor er det viktig, og hvorfor er tilpasningsarbeidet avhengig av «hele» kommunen?',
      speakers: ['Steinar Taubøll (NMBU), kursleder for klimatilpasningskurset Vær smart'],
    },
    {
      date: '2021-11-12',
      start: '09:30',
      end: '10:45',
      kind: 'plenary',
      title: 'Gruppearbeid etter modifisert «world café-modell»',
      description:
        'Noen av de aktuelle temaene: klimavennlig bolig-, areal- og transportplanlegging; behov og muligheter for klimatilpasning; ' +
        'muligheter for grønn næringsutvikling; klimakommunikasjon og engasjement; klimakrav i anskaffelser; ' +
        'hvordan samarbeide etter at samlingen er over.',
    },
    {
      date: '2021-11-12',
      start: '10:45',
      end: '11:30',
      kind: 'plenary',
      title: 'Bli kjent med dem du skal samarbeide med framover!',
      description:
        'Vi setter opp rom og bord etter tema, der deltakerne kan velge hva de vil delta på, uten annen agenda enn: ' +
        'Hvordan kan vi jobbe sammen framover? Temaene bestemmes av deltakerne via en spørreundersøkelse på dag 1: ' +
        'Hvilket tema skal du jobbe mest med framover?',
    },
    { date: '2021-11-12', start: '11:30', end: '11:45', kind: 'plenary', title: 'Avslutning' },
    { date: '2021-11-12', start: '11:45', end: '13:00', kind: 'meal', title: 'Lunsj og hjem' },
    ...(
      [
        ['2021-11-16', 'Klimatilpasning – Vær smart-kurset, del 1'],
        ['2021-11-18', 'Stedsutvikling og transport på vei og sjø – eksempler fra kommunene'],
        ['2021-11-23', 'Klimatilpasning – Vær smart-kurset, del 2'],
        ['2021-11-25', 'Planarbeid, del 1: Fakta- og datagrunnlag og verktøy'],
        ['2021-11-30', 'Klimatilpasning – Vær smart-kurset, del 3'],
        ['2021-12-02', 'Planarbeid og klima, del 2: Hvordan ta hensyn til klima (og natur) i alle deler av planarbeidet?'],
        ['2021-12-07', 'Bygg, bærekraft og sirkulære løsninger – eksempler fra kommunene'],
        ['2021-12-09', 'Lokal klimarisiko'],
        ['2021-12-14', 'Grønne anskaffelser, del 1'],
        ['2021-12-16', 'Grønne anskaffelser, del 2'],
        ['2022-01-11', 'Klimatilpasning – interaktiv dag, refleksjoner og diskusjoner med deltakerne'],
        ['2022-01-13', 'Grønn næringsutvikling'],
      ] as const
    ).map(([date, title]) => {
      // Tuesdays 12.00–13.30/14.00, Thursdays 09.30–11.00/11.30; the later end is kept for calendars.
      const tuesday = new Date(`${date}T12:00:00Z`).getUTCDay() === 2
      return {
        date,
        start: tuesday ? '12:00' : '09:30',
        end: tuesday ? '14:00' : '11:30',
        kind: 'digital' as const,
        title,
        description: tuesday
          ? 'Webinar i Teams eller annet videomøteverktøy. Slutter kl. 13.30 eller 14.00.'
          : 'Webinar i Teams eller annet videomøteverktøy. Slutter kl. 11.00 eller 11.30.',
      }
    }),
  ],
  topics: [
    'Klimavennlig bolig-, areal- og transportplanlegging',
    'Behov og muligheter for klimatilpasning',
    'Muligheter for grønn næringsutvikling',
    'Klimakommunikasjon og engasjement',
    'Klimakrav i anskaffelser',
    'Hvordan samarbeide etter at samlingen er over',
  ],
  // Day 1's survey decides the world-café tables of day 2 (the program's «Bli kjent med dem du skal samarbeide med framover!»).
  survey: {
    title: 'Temaer for gruppearbeidet dag 2',
    code: 'MR2021',
    questions: [{ prompt: 'Hvilket tema skal du jobbe mest med framover?', kind: 'single', allowsFreeText: true, options: 'topics' }],
  },
}
