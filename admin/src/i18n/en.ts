import type { TranslationMessages } from 'react-admin'
import englishMessages from 'ra-language-english'
import app from './app'
import { mergeMessages } from './merge'
import { resourceMessages } from './resources'

const en = mergeMessages(englishMessages, app.en, resourceMessages('en')) as TranslationMessages

export default en
