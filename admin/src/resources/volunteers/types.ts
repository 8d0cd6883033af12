// The records of the volunteers API (worker/api/activities/volunteers-record.ts).
export type Volunteer = {
  id: number
  phone: string
  name: string
  neighborhoodId: number | null
  neighborhoodIds: number[]
  code: string | null
  skills: string[]
  tags: string[]
  note: string
  totalMinutes: number
  totalHours: number
  shiftCount: number
  upcomingCount: number
  createdAt: number
  updatedAt: number
}
