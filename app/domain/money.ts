const kroner = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 2 })

/** An amount in øre as Norwegians read it: "2 500 kr", "649,50 kr". */
export function formatKroner(ore: number): string {
  return `${kroner.format(ore / 100)} kr`
}
