// Types of scripts/seed/activities.mjs for the TypeScript tests that use its demo data.
type Row = Record<string, unknown>
type DemoRegistration = { id: number; name: string; phone: string; token: string }
export declare const order: number
export declare const SUMMER_CLASS_SLUG: string
export declare const CRAFT_CLASS_SLUG: string
export declare const VOLUNTEER_SLUG: string
export declare const DEMO_REGISTRATIONS: {
  craftConfirmed: DemoRegistration
  craftFirstWaiting: DemoRegistration
}
export declare const volunteerCode: (id: number) => string
export declare const activitiesData: (now: number) => {
  activities: Row[]
  sessions: Row[]
  registrations: Row[]
  volunteers: Row[]
}
export declare const seed: (ctx: { now: number }) => string[]
