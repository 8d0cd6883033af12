// Request signing of the SMS providers, with WebCrypto only (crypto.subtle), so that it runs the
// same on Workers and in the Node home:
//   阿里云 OpenAPI signature v3, ACS3-HMAC-SHA256
//     https://help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature
//   腾讯云 API 3.0 signature v3, TC3-HMAC-SHA256
//     https://cloud.tencent.com/document/api/382/52072 (SMS), same as /document/api/213/30654 (CVM)
// tests/providers-signing.test.ts checks both against the worked examples of those pages.

import { sha256Hex, toHex } from '../../domain/digest'

const encoder = new TextEncoder()

const hmac = async (key: ArrayBuffer | Uint8Array, message: string) => {
  const k = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ])
  return crypto.subtle.sign('HMAC', k, encoder.encode(message))
}

// ── ACS3-HMAC-SHA256 (阿里云) ──

/**
 * RFC 3986 percent-encoding as Alibaba Cloud specifies it: everything but A-Z a-z 0-9 - _ . ~,
 * UTF-8, upper-case hex; a space is %20, never +.
 * @example percentEncode('a b*c~') // 'a%20b%2Ac~'
 */
export const percentEncode = (text: string) =>
  encodeURIComponent(text).replace(
    /[!'()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  )

/** Query parameters sorted by name and percent-encoded: the canonical query of both the signature and the URL. */
export const acs3Query = (query: Record<string, string>) =>
  Object.keys(query)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(query[k])}`)
    .join('&')

export type Acs3Input = {
  method: string
  /** The resource path, '/' for RPC-style APIs such as SendSms. */
  path: string
  query: Record<string, string>
  /** host and the x-acs-* headers (x-acs-content-sha256 included); content-type when sent. */
  headers: Record<string, string>
  accessKeyId: string
  accessKeySecret: string
}

/**
 * Signs a request with ACS3-HMAC-SHA256; returns the Authorization header and the steps.
 * @example (await signAcs3({ method: 'POST', path: '/', query, headers, accessKeyId, accessKeySecret })).authorization
 */
export const signAcs3 = async (input: Acs3Input) => {
  const headers = Object.entries(input.headers)
    .map(([k, v]) => [k.toLowerCase(), v.trim()] as const)
    .filter(([k]) => k === 'host' || k === 'content-type' || k.startsWith('x-acs-'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const signedHeaders = headers.map(([k]) => k).join(';')
  const payloadHash = headers.find(([k]) => k === 'x-acs-content-sha256')?.[1] ?? ''
  const canonicalRequest = [
    input.method.toUpperCase(),
    input.path,
    acs3Query(input.query),
    headers.map(([k, v]) => `${k}:${v}\n`).join(''),
    signedHeaders,
    payloadHash,
  ].join('\n')
  const stringToSign = `ACS3-HMAC-SHA256\n${await sha256Hex(canonicalRequest)}`
  const signature = toHex(await hmac(encoder.encode(input.accessKeySecret), stringToSign))
  const authorization = `ACS3-HMAC-SHA256 Credential=${input.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`
  return { canonicalRequest, stringToSign, signature, authorization }
}

// ── TC3-HMAC-SHA256 (腾讯云) ──

export type Tc3Input = {
  secretId: string
  secretKey: string
  /** The product, e.g. 'sms' (the first label of its host). */
  service: string
  host: string
  /** Seconds since the epoch: X-TC-Timestamp. */
  timestamp: number
  contentType: string
  /** The JSON body, exactly as sent. */
  payload: string
}

/** The UTC day of a timestamp in seconds, as the credential scope names it. */
const utcDay = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10)

/**
 * Signs a POST with TC3-HMAC-SHA256 (signed headers content-type and host); returns the
 * Authorization header and the steps.
 * @example (await signTc3({ secretId, secretKey, service: 'sms', host, timestamp, contentType, payload })).authorization
 */
export const signTc3 = async (input: Tc3Input) => {
  const signedHeaders = 'content-type;host'
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${input.contentType.toLowerCase()}\nhost:${input.host.toLowerCase()}\n`,
    signedHeaders,
    await sha256Hex(input.payload),
  ].join('\n')
  const day = utcDay(input.timestamp)
  const scope = `${day}/${input.service}/tc3_request`
  const stringToSign = `TC3-HMAC-SHA256\n${input.timestamp}\n${scope}\n${await sha256Hex(canonicalRequest)}`
  const secretDate = await hmac(encoder.encode(`TC3${input.secretKey}`), day)
  const secretService = await hmac(secretDate, input.service)
  const secretSigning = await hmac(secretService, 'tc3_request')
  const signature = toHex(await hmac(secretSigning, stringToSign))
  const authorization = `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`
  return { canonicalRequest, stringToSign, signature, authorization }
}
