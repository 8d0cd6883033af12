import { useState, type ReactNode } from 'react'
import { Box, Button, Chip, Stack, Typography } from '@mui/material'
import { useQuery } from '@tanstack/react-query'
import { useDataProvider, useTranslate } from 'react-admin'
import type { JushouDataProvider, LookAlike } from '../../dataProvider'
import { statusColor, statusLabelKey } from '../../lib/status'
import { useMe } from '../../lib/useMe'
import MergeDialog from './dialogs/MergeDialog'
import type { Topic } from './types'

/**
 * Open topics of the same neighborhood and category that read like this one (the rule the
 * needs form uses to offer "我也需要"), so staff can spot duplicates and merge them here.
 */
const LookAlikes = ({
  topic,
  link,
}: {
  topic: Topic
  link: (id: number, title: string) => ReactNode
}) => {
  const translate = useTranslate()
  const dataProvider = useDataProvider<JushouDataProvider>()
  const { writable } = useMe()
  const [merging, setMerging] = useState<LookAlike | null>(null)
  const { data = [], isPending } = useQuery({
    queryKey: ['topics', 'lookAlikes', topic.id, topic.title, topic.description, topic.categoryId],
    queryFn: () => dataProvider.lookAlikes(topic.id),
  })
  if (isPending) return null
  if (!data.length)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('topics.show.noLookAlikes')}
      </Typography>
    )
  // The merge goes the way the server proposes (the more-supported, then older, topic survives):
  // merging a newer duplicate into an older one from either page.
  const plan = (t: LookAlike) =>
    t.mergeTargetId === topic.id
      ? { source: { id: t.id, neighborhoodId: topic.neighborhoodId }, target: topic }
      : {
          source: { id: topic.id, neighborhoodId: topic.neighborhoodId, version: topic.version },
          target: { ...topic, ...t, status: t.status as Topic['status'] },
        }
  return (
    <>
      <Stack
        component="ul"
        spacing={1}
        sx={{ m: 0, pl: 0, listStyle: 'none' }}
        data-testid="look-alikes"
      >
        {data.map((t) => (
          <Box
            component="li"
            key={t.id}
            sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}
          >
            <Box sx={{ flex: '1 1 12rem', minWidth: 0 }}>{link(t.id, t.title)}</Box>
            <Chip
              size="small"
              variant="outlined"
              color={statusColor('topic', t.status).chip}
              label={translate(statusLabelKey('topic', t.status))}
            />
            <Typography variant="caption" color="text.secondary">
              {translate('topics.show.alike', {
                percent: Math.round(t.score * 100),
                n: t.supportCount,
              })}
            </Typography>
            {writable && t.mergeTargetId !== null && (
              <Button size="small" onClick={() => setMerging(t)}>
                {translate(
                  t.mergeTargetId === topic.id ? 'topics.show.mergeHere' : 'topics.show.mergeThere',
                )}
              </Button>
            )}
          </Box>
        ))}
      </Stack>
      {merging && (
        <MergeDialog
          key={merging.id}
          topics={[plan(merging).source]}
          initialTarget={plan(merging).target}
          open
          onClose={() => setMerging(null)}
        />
      )}
    </>
  )
}

export default LookAlikes
