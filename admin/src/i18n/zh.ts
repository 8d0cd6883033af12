import type { TranslationMessages } from 'react-admin'
import app from './app'
import { mergeMessages } from './merge'
import raChinese from './ra-zh'
import { resourceMessages } from './resources'

const zh = mergeMessages(raChinese, app.zh, resourceMessages('zh')) as TranslationMessages

export default zh
