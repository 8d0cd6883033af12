// A local stand-in for the notification providers, used only in tests and the bench (the real
// services cannot be reached from here). One HTTP server answers as 阿里云短信 (x-acs-action), 腾讯云短信
// (x-tc-action) and WeChat (/cgi-bin/…), one TCP server as an SMTP relay. Each checks the request
// the way the provider does (the signature recomputed here with node:crypto, independently of
// worker/lib/providers/signing.ts; the access token; AUTH) and answers with the provider's
// documented success or error bodies. GET /_sent lists what was accepted, for tests to read
// (e.g. the one-time code of an SMS).
import { createHash, createHmac, randomUUID } from 'node:crypto'
import http from 'node:http'
import net from 'node:net'

/** The credentials the stand-in accepts. */
export const STANDIN = {
  aliyun: {
    accessKeyId: 'LTAIstandin0001',
    accessKeySecret: 'standin-aliyun-secret',
    signName: '举手社区',
  },
  tencent: {
    secretId: 'AKIDstandin0001',
    secretKey: 'standin-tencent-secret',
    sdkAppId: '1400000001',
    signName: '举手社区',
  },
  wechat: { appId: 'wxstandin0001', appSecret: 'standin-wechat-secret' },
  smtp: { user: 'relay', password: 'standin-smtp-password' },
  /** The approved template of each SMS provider; any other is refused as unapproved. */
  templateId: 'SMS_0001',
  /** A number the providers throttle (their per-number limits), for the retryable path. */
  throttledPhone: '13900000429',
}

/**
 * The worker's settings that send SMS — 腾讯云短信 and the one-time codes' template — through the
 * stand-in at `url` (the browser tests' and the bench's worker).
 * @example startDev({ extraArgs: Object.entries(tencentSmsVars(url)).flatMap(…) })
 */
export const tencentSmsVars = (url) => ({
  TENCENT_SMS_SECRET_ID: STANDIN.tencent.secretId,
  TENCENT_SMS_SECRET_KEY: STANDIN.tencent.secretKey,
  TENCENT_SMS_SDK_APP_ID: STANDIN.tencent.sdkAppId,
  TENCENT_SMS_SIGN_NAME: STANDIN.tencent.signName,
  TENCENT_SMS_ENDPOINT: url,
  SMS_OTP_TEMPLATE_ID: STANDIN.templateId,
})

const sha256 = (text) => createHash('sha256').update(text).digest('hex')
const hmac = (key, text) => createHmac('sha256', key).update(text).digest()

const MOBILE = /^1[3-9]\d{9}$/

const rfc3986 = (s) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/** What 阿里云 would compute for this request (ACS3-HMAC-SHA256). */
const aliyunExpected = (req, url, body) => {
  const auth = req.headers.authorization ?? ''
  const signed = /SignedHeaders=([^,]+)/.exec(auth)?.[1]?.split(';') ?? []
  const query = [...url.searchParams.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
    .join('&')
  const headers = signed.map((h) => `${h}:${String(req.headers[h] ?? '').trim()}\n`).join('')
  const canonical = [req.method, url.pathname, query, headers, signed.join(';'), sha256(body)].join(
    '\n',
  )
  const signature = hmac(
    STANDIN.aliyun.accessKeySecret,
    `ACS3-HMAC-SHA256\n${sha256(canonical)}`,
  ).toString('hex')
  return `ACS3-HMAC-SHA256 Credential=${STANDIN.aliyun.accessKeyId},SignedHeaders=${signed.join(';')},Signature=${signature}`
}

/** What 腾讯云 would compute for this request (TC3-HMAC-SHA256). */
const tencentExpected = (req, body) => {
  const timestamp = String(req.headers['x-tc-timestamp'] ?? '')
  const day = new Date(Number(timestamp) * 1000).toISOString().slice(0, 10)
  const canonical = [
    'POST',
    '/',
    '',
    `content-type:${req.headers['content-type']}\nhost:${req.headers.host}\n`,
    'content-type;host',
    sha256(body),
  ].join('\n')
  const scope = `${day}/sms/tc3_request`
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256(canonical)}`
  const key = hmac(hmac(hmac(`TC3${STANDIN.tencent.secretKey}`, day), 'sms'), 'tc3_request')
  return `TC3-HMAC-SHA256 Credential=${STANDIN.tencent.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${hmac(key, toSign).toString('hex')}`
}

const json = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

const readBody = (req) =>
  new Promise((resolve) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
  })

/**
 * Starts the stand-in on free local ports.
 * @example const standin = await startStandin(); … standin.url … await standin.stop()
 */
export const startStandin = async () => {
  const sent = []
  const tokens = new Set()

  const aliyun = (req, res, url, body) => {
    const RequestId = randomUUID().toUpperCase()
    if (req.headers.authorization !== aliyunExpected(req, url, body))
      return json(res, 400, {
        Code: 'SignatureDoesNotMatch',
        Message: 'Specified signature is not matched with our calculation.',
        RequestId,
      })
    const q = url.searchParams
    const phone = q.get('PhoneNumbers') ?? ''
    const answer = (Code, Message) => json(res, 200, { Code, Message, RequestId })
    if (!MOBILE.test(phone)) return answer('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号')
    if (q.get('SignName') !== STANDIN.aliyun.signName)
      return answer('isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名')
    if (q.get('TemplateCode') !== STANDIN.templateId)
      return answer('isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板')
    if (phone === STANDIN.throttledPhone)
      return answer('isv.BUSINESS_LIMIT_CONTROL', '触发号码天级流控Permits:10')
    sent.push({
      provider: 'aliyun',
      to: phone,
      params: JSON.parse(q.get('TemplateParam') ?? '{}'),
      at: Date.now(),
    })
    json(res, 200, { Code: 'OK', Message: 'OK', BizId: `${Date.now()}^0`, RequestId })
  }

  const tencent = (req, res, body) => {
    const RequestId = randomUUID()
    const error = (Code, Message) =>
      json(res, 200, { Response: { Error: { Code, Message }, RequestId } })
    if (req.headers.authorization !== tencentExpected(req, body))
      return error(
        'AuthFailure.SignatureFailure',
        'The provided credentials could not be validated. Please check your signature is correct.',
      )
    const input = JSON.parse(body)
    if (input.SmsSdkAppId !== STANDIN.tencent.sdkAppId)
      return error('FailedOperation.SmsSdkAppIdVerifyFail', 'SmsSdkAppId 校验失败')
    if (input.TemplateId !== STANDIN.templateId)
      return error('FailedOperation.TemplateIncorrectOrUnapproved', '模板未审批或内容不匹配')
    const number = input.PhoneNumberSet[0] ?? ''
    const phone = number.replace(/^\+86/, '')
    const status = (Code, Message) =>
      json(res, 200, {
        Response: {
          SendStatusSet: [
            {
              SerialNo: Code === 'Ok' ? `2433:${Date.now()}` : '',
              PhoneNumber: number,
              Fee: Code === 'Ok' ? 1 : 0,
              SessionContext: '',
              Code,
              Message,
              IsoCode: 'CN',
            },
          ],
          RequestId,
        },
      })
    if (!MOBILE.test(phone))
      return status('InvalidParameterValue.IncorrectPhoneNumber', '手机号格式错误')
    if (phone === STANDIN.throttledPhone)
      return status('LimitExceeded.PhoneNumberDailyLimit', '单个手机号日下发短信条数超过设定的上限')
    sent.push({ provider: 'tencent', to: phone, params: input.TemplateParamSet, at: Date.now() })
    status('Ok', 'send success')
  }

  const wechat = (res, url, body) => {
    if (url.pathname === '/cgi-bin/token') {
      if (url.searchParams.get('appid') !== STANDIN.wechat.appId)
        return json(res, 200, { errcode: 40013, errmsg: 'invalid appid' })
      if (url.searchParams.get('secret') !== STANDIN.wechat.appSecret)
        return json(res, 200, { errcode: 40125, errmsg: 'invalid appsecret' })
      const token = `standin-token-${randomUUID()}`
      tokens.add(token)
      return json(res, 200, { access_token: token, expires_in: 7200 })
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send') {
      if (!tokens.has(url.searchParams.get('access_token') ?? ''))
        return json(res, 200, {
          errcode: 40001,
          errmsg: 'invalid credential, access_token is invalid or not latest',
        })
      const input = JSON.parse(body)
      if (input.touser.startsWith('refused'))
        return json(res, 200, { errcode: 43101, errmsg: 'user refuse to accept the msg' })
      if (input.touser.startsWith('busy'))
        return json(res, 200, { errcode: -1, errmsg: 'system error' })
      sent.push({
        provider: 'wechat',
        to: input.touser,
        params: Object.fromEntries(Object.entries(input.data).map(([k, v]) => [k, v.value])),
        at: Date.now(),
      })
      return json(res, 200, { errcode: 0, errmsg: 'ok', msgid: Date.now() })
    }
    json(res, 404, { errcode: 404, errmsg: 'not found' })
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://standin')
    const body = await readBody(req)
    if (req.method === 'GET' && url.pathname === '/_sent') return json(res, 200, sent)
    if (req.headers['x-acs-action'] === 'SendSms') return aliyun(req, res, url, body)
    if (req.headers['x-tc-action'] === 'SendSms') return tencent(req, res, body)
    if (url.pathname.startsWith('/cgi-bin/')) return wechat(res, url, body)
    json(res, 404, { error: 'unknown provider request' })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))

  // SMTP (RFC 5321), plaintext: AUTH PLAIN, one message per transaction; 550 for an address
  // containing "bounce", 451 for one containing "later".
  const smtp = net.createServer((socket) => {
    let buffer = ''
    let data = null
    let to = ''
    let authed = false
    const say = (line) => socket.write(`${line}\r\n`)
    say('220 standin ESMTP')
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8')
      let i = buffer.indexOf('\r\n')
      while (i >= 0) {
        const line = buffer.slice(0, i)
        buffer = buffer.slice(i + 2)
        i = buffer.indexOf('\r\n')
        if (data) {
          if (line === '.') {
            sent.push({ provider: 'smtp', to, data: data.join('\r\n'), at: Date.now() })
            data = null
            say(`250 2.0.0 Ok: queued as ${randomUUID()}`)
          } else data.push(line.startsWith('..') ? line.slice(1) : line)
          continue
        }
        const [verb] = line.split(' ')
        const upper = verb.toUpperCase()
        if (upper === 'EHLO') socket.write('250-standin\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n')
        else if (upper === 'AUTH') {
          const decoded = Buffer.from(line.split(' ')[2] ?? '', 'base64')
            .toString('utf8')
            .split('\0')
          authed = decoded[1] === STANDIN.smtp.user && decoded[2] === STANDIN.smtp.password
          say(
            authed
              ? '235 2.7.0 Authentication successful'
              : '535 5.7.8 Authentication credentials invalid',
          )
        } else if (upper === 'MAIL')
          say(authed ? '250 2.1.0 Ok' : '530 5.7.0 Authentication required')
        else if (upper === 'RCPT') {
          to = /<([^>]*)>/.exec(line)?.[1] ?? ''
          if (to.includes('bounce')) say('550 5.1.1 Recipient address rejected: User unknown')
          else if (to.includes('later')) say('451 4.3.0 Try again later')
          else say('250 2.1.5 Ok')
        } else if (upper === 'DATA') {
          data = []
          say('354 End data with <CR><LF>.<CR><LF>')
        } else if (upper === 'QUIT') {
          say('221 2.0.0 Bye')
          socket.end()
        } else say('502 5.5.2 Error: command not recognized')
      }
    })
    socket.on('error', () => undefined)
  })
  await new Promise((resolve) => smtp.listen(0, '127.0.0.1', resolve))

  const port = server.address().port
  return {
    url: `http://127.0.0.1:${port}`,
    smtpPort: smtp.address().port,
    sent,
    stop: () =>
      Promise.all([new Promise((r) => server.close(r)), new Promise((r) => smtp.close(r))]).then(
        () => undefined,
      ),
  }
}
