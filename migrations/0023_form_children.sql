-- A form for children (forms.for_children, migrations/0018; issue #17 point 5), like an activity
-- for children: a guardian fills it in. form_responses.phone is the guardian's phone; these hold
-- the guardian's name and relationship to the child, the child's name and age or school year.
-- Masked for every role but the staff of the form's neighborhood, purged on the children's
-- schedule (RETENTION_CHILD_DAYS) and with a deletion request (docs/privacy.md).
ALTER TABLE form_responses ADD COLUMN guardian_name TEXT;
ALTER TABLE form_responses ADD COLUMN guardian_relation TEXT;
ALTER TABLE form_responses ADD COLUMN child_name TEXT;
ALTER TABLE form_responses ADD COLUMN child_age TEXT;
