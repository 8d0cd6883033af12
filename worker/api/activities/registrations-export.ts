import { Hono } from 'hono'
import { asc, desc } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { registrations } from '../../db/schema'
import { REGISTRATION_STATUS_LABEL } from '../../domain/vocabulary'
import type { Field } from '../../domain/forms'
import type { Column } from '../../lib/csv'
import { sensitiveExportReason, exportFormat, sendExport, shanghaiTime } from '../../lib/export'
import { maskedFields } from '../../domain/masking'
import { parseListQuery } from '../../lib/simple-rest'
import {
  REGISTRATION_SORTABLE,
  registrationRecord,
  registrationWhere,
  selectRegistrations,
} from './registrations-record'

// GET /api/registrations/export?format=csv|xlsx&filter=...: every registration of the filter as
// a spreadsheet, one column per extra question when they all belong to one activity.

type ExportRow = ReturnType<typeof registrationRecord>

const CHILD_COLUMNS: Column<ExportRow>[] = [
  { key: 'guardianRelation', label: '与孩子关系' },
  { key: 'childName', label: '孩子姓名' },
  { key: 'childAge', label: '孩子年龄/年级' },
]

/** The columns; a child's only when some row is a children's activity's registration. */
const exportColumns = (questions: Field[] | null, children: boolean): Column<ExportRow>[] => [
  { key: 'id', label: '编号' },
  { key: 'activityTitle', label: '活动' },
  { key: 'sessionLabel', label: '场次' },
  { key: 'sessionStartsAt', label: '开始时间', value: (r) => shanghaiTime(r.sessionStartsAt) },
  { key: 'name', label: '姓名' },
  { key: 'phone', label: '手机号', personal: true },
  ...(children ? CHILD_COLUMNS : []),
  { key: 'partySize', label: '人数' },
  { key: 'status', label: '状态', value: (r) => REGISTRATION_STATUS_LABEL[r.status].zh },
  { key: 'waitlistPosition', label: '候补位次' },
  { key: 'seq', label: '报名顺序' },
  { key: 'createdAt', label: '报名时间', value: (r) => shanghaiTime(r.createdAt) },
  { key: 'checkedInAt', label: '签到时间', value: (r) => shanghaiTime(r.checkedInAt) },
  { key: 'creditedHours', label: '志愿时长（小时）' },
  ...(questions
    ? questions.map((q) => ({
        key: `answers.${q.key}`,
        label: q.label,
        // A sensitive answer (masked in answerText for roles other than the staff) is personal:
        // an export showing it is logged with its reason.
        personal: q.sensitive,
        value: (r: ExportRow) => r.answerText[q.key] ?? '',
      }))
    : [
        {
          key: 'answers',
          label: '其他回答',
          value: (r: ExportRow) => Object.values(r.answerText).join('；'),
        },
      ]),
]

export const registrationsExportApi = new Hono<AppEnv>().get('/export', async (c) => {
  const format = exportFormat(c)
  const q = parseListQuery(c, {
    sortable: Object.keys(REGISTRATION_SORTABLE),
    defaultSort: { field: 'seq', order: 'ASC' },
    masked: maskedFields(c.var.user.role, 'registrations'),
  })
  const dir = q.sort.order === 'ASC' ? asc : desc
  const rows = await selectRegistrations(c.var.db)
    .where(registrationWhere(c.var.user, q.filter))
    .orderBy(
      asc(registrations.sessionId),
      dir(REGISTRATION_SORTABLE[q.sort.field] ?? registrations.id),
      dir(registrations.id),
    )
  // Children's data and sensitive answers leave only with a stated reason (written, or a purpose
  // chosen from the list), and every export with personal data is logged (#17).
  const children = rows.some((r) => r.forChildren)
  const sensitive = rows.some((r) => (JSON.parse(r.questions) as Field[]).some((q) => q.sensitive))
  const reason = sensitiveExportReason(c, children || sensitive, '报名')
  const records = rows.map((r) => registrationRecord(r, c.var.user, { fullPhone: true }))
  const activityIds = new Set(rows.map((r) => r.r.activityId))
  const questions = activityIds.size === 1 ? (JSON.parse(rows[0].questions) as Field[]) : null
  const title = activityIds.size === 1 ? rows[0].activityTitle : '活动'
  const day = shanghaiTime(Date.now()).slice(0, 10)
  return sendExport(c, {
    format,
    filename: `${title}-报名-${day}`,
    columns: exportColumns(questions, children),
    rows: records,
    resource: 'registrations',
    reason,
  })
})
