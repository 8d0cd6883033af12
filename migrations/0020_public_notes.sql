-- Public timeline notes as residents read them (issue 13, point 8). Notes written before this
-- migration named other topics by their internal number ("议题 #154「…」已合并到本议题",
-- "已合并到议题 #154，请关注该议题的进展") and repeated the status word the timeline already
-- shows before them ("已立项：已立项：「…」"). They now read as worker/domain/topic-workflow.ts
-- writes them. Only the generated wording is matched; notes staff typed are left as they are.

-- On a merge target: "议题 #154「楼道灯」已合并到本议题" → "「楼道灯」已合并到本议题" (and the
-- same for "…已撤销合并，单独办理").
UPDATE topic_events SET public_note = substr(public_note, instr(public_note, '「'))
WHERE kind IN ('merged_in', 'merged_out')
  AND substr(public_note, 1, 4) = '议题 #'
  AND instr(public_note, '「') > 0;

-- On a merged topic: "已合并到议题 #154，请关注该议题的进展" → "请关注「楼道灯」的进展".
UPDATE topic_events SET public_note = '请关注「' || (
    SELECT t.title FROM topics t
    WHERE t.id = CAST(substr(topic_events.public_note, 9,
      instr(topic_events.public_note, '，') - 9) AS INTEGER)
  ) || '」的进展'
WHERE to_status = 'merged'
  AND substr(public_note, 1, 8) = '已合并到议题 #'
  AND substr(public_note, instr(public_note, '，')) = '，请关注该议题的进展'
  AND EXISTS (
    SELECT 1 FROM topics t
    WHERE t.id = CAST(substr(topic_events.public_note, 9,
      instr(topic_events.public_note, '，') - 9) AS INTEGER)
  );

-- On an adopted topic: "已立项：「加装电梯」" after the status word 已立项 → "项目「加装电梯」".
UPDATE topic_events SET public_note = '项目' || substr(public_note, 5)
WHERE to_status = 'adopted'
  AND substr(public_note, 1, 5) = '已立项：「';
