import { BooleanInput } from 'react-admin'

// The privacy switches of the editors (#17.5): an activity or a form for children, and a question
// marked sensitive (health notes). The server does the rest: masking, export reasons, retention.

/** 面向儿童 on an activity or a form (`forChildren`). */
export const ForChildrenInput = () => (
  <BooleanInput
    source="forChildren"
    label="privacy.inputs.forChildren"
    helperText="privacy.inputs.forChildrenHelp"
  />
)

/** 敏感信息 on a question (`sensitive`), inside the question editor's iterator. */
export const SensitiveInput = () => (
  <BooleanInput
    source="sensitive"
    label="privacy.inputs.sensitive"
    helperText="privacy.inputs.sensitiveHelp"
  />
)
