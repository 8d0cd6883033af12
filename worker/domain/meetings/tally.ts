// The show of hands on one agenda item, and who came. Tallies are numbers staff record (read off
// the raised hands, or typed in from a paper sheet afterwards): the product does not pretend a
// head count is a secret ballot. The rules:
// 1. A tally is four whole numbers ≥ 0: 到会 (present), 赞成, 反对, 弃权.
// 2. 赞成 + 反对 + 弃权 ≤ 到会: hands are raised by people in the room; whoever raised none is
//    the difference (未表态), never a negative number.
// 3. Low support: 立项 with fewer 赞成 than half of 到会 (2 × 赞成 < 到会) stands only when staff
//    confirm it (the API answers 409 with `errors.confirm` until the request says `confirm`).
// 4. A meeting's attendance (到会人数; 人次 when summed over meetings) is the larger of the staff's
//    head count and the sign-ins: both count the same people, and either may have missed some.

export type Tally = { present: number; inFavour: number; against: number; abstain: number }

/** More than any room holds: a typo guard, not a rule of assembly. */
export const TALLY_MAX = 10_000

/**
 * The words of an over-counted tally (rule 2), or `null` when the hands fit in the room.
 * @example overCount({ present: 20, inFavour: 15, against: 4, abstain: 3 }) // '赞成、反对、弃权合计 22 人，多于到会 20 人'
 */
export const overCount = (t: Tally): string | null => {
  const hands = t.inFavour + t.against + t.abstain
  return hands > t.present ? `赞成、反对、弃权合计 ${hands} 人，多于到会 ${t.present} 人` : null
}

/**
 * Rule 3: whether 立项 on this tally needs staff to confirm it.
 * @example lowSupport({ present: 23, inFavour: 11, against: 6, abstain: 6 }) // true
 */
export const lowSupport = (t: Pick<Tally, 'present' | 'inFavour'>) => t.inFavour * 2 < t.present

/** The question staff confirm for a low-support 立项 (rule 3). */
export const lowSupportQuestion = (t: Pick<Tally, 'present' | 'inFavour'>) =>
  `赞成 ${t.inFavour} 人，不到到会 ${t.present} 人的一半。确认仍要立项吗？`

/**
 * Rule 4: a meeting's attendance from the staff's head count (null when not counted) and the
 * number of sign-ins.
 * @example attendanceOf(20, 23) // 23
 */
export const attendanceOf = (headcount: number | null, signIns: number) =>
  Math.max(headcount ?? 0, signIns)
