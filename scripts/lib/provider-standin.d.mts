export const STANDIN: {
  readonly aliyun: { accessKeyId: string; accessKeySecret: string; signName: string }
  readonly tencent: { secretId: string; secretKey: string; sdkAppId: string; signName: string }
  readonly wechat: { appId: string; appSecret: string }
  readonly smtp: { user: string; password: string }
  readonly templateId: string
  readonly throttledPhone: string
}
export function tencentSmsVars(url: string): Record<string, string>
export type SentMessage = {
  provider: 'aliyun' | 'tencent' | 'wechat' | 'smtp'
  to: string
  params?: Record<string, string> | string[]
  data?: string
  at: number
}
export function startStandin(): Promise<{
  url: string
  smtpPort: number
  sent: SentMessage[]
  stop: () => Promise<void>
}>
