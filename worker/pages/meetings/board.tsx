// The meetings on the public board (`/b/<neighborhood>`): the next ones with their agenda, so
// residents can come, and the minutes of the latest held: the short text, and for each agenda
// item decided its tally and decision. Rows come from the board's own batch
// (db/queries/meetings/public.ts `boardMeetingQueries`).
import type { BoardItem, BoardMeetings } from '../../db/queries/meetings/public'
import { MEETING_DECISION_LABEL, MEETING_KIND_LABEL } from '../../domain/vocabulary'
import { bracketed, colon, formatDate, t, type Lang } from '../i18n'

/** 立项「…」 / 转办至… / 不予采纳：理由 — the decision as the minutes say it. */
const decisionWords = (lang: Lang, i: BoardItem) => {
  const name = MEETING_DECISION_LABEL[i.decision][lang]
  if (i.decision === 'adopt' && i.projectTitle)
    return t(lang, 'meet.adopted_as', { decision: name, project: i.projectTitle })
  if (i.decision === 'refer' && i.referredTo)
    return t(lang, 'meet.referred_to', { decision: name, to: i.referredTo })
  return name
}

const ItemLine = ({ lang, item }: { lang: Lang; item: BoardItem }) => (
  <li>
    <strong>{item.topicTitle}</strong>
    {colon(lang)}
    {decisionWords(lang, item)}
    {item.note && bracketed(lang, item.note)}
    <br />
    <span class="meta">
      {t(lang, 'meet.tally', {
        present: item.present,
        for: item.inFavour,
        against: item.against,
        abstain: item.abstain,
      })}
    </span>
  </li>
)

/**
 * The board's meeting sections; nothing when the neighborhood has none.
 * @example <BoardMeetingsSection lang={lang} meetings={data.meetings} />
 */
export const BoardMeetingsSection = ({
  lang,
  meetings,
}: {
  lang: Lang
  meetings: BoardMeetings
}) => (
  <>
    {meetings.upcoming.length > 0 && (
      <>
        <h2>{t(lang, 'meet.upcoming')}</h2>
        <ul class="cards">
          {meetings.upcoming.map((m) => (
            <li class="box">
              <h3>{m.title}</h3>
              <p class="meta">
                {MEETING_KIND_LABEL[m.kind][lang]} · {formatDate(m.startsAt, lang, true)}
                {m.place ? ` · ${m.place}` : ''}
              </p>
              {m.agenda.length > 0 && (
                <p>
                  {t(lang, 'meet.agenda_line', {
                    topics: m.agenda.join(t(lang, 'common.list_semi')),
                  })}
                </p>
              )}
            </li>
          ))}
        </ul>
      </>
    )}
    {meetings.held.length > 0 && (
      <>
        <h2>{t(lang, 'meet.minutes')}</h2>
        <ul class="cards">
          {meetings.held.map((m) => (
            <li class="box">
              <h3>{m.title}</h3>
              <p class="meta">
                {MEETING_KIND_LABEL[m.kind][lang]} · {formatDate(m.startsAt, lang, true)}
                {m.place ? ` · ${m.place}` : ''} · {t(lang, 'meet.attendance', { n: m.attendance })}
              </p>
              {m.minutes && <p>{m.minutes}</p>}
              {m.items.length > 0 && (
                <ol class="log">
                  {m.items.map((item) => (
                    <ItemLine lang={lang} item={item} />
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ul>
      </>
    )}
  </>
)
