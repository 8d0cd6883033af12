// The providers' signatures against the worked examples their documentation publishes (test
// vectors): every input fixed, so the canonical request, the string to sign and the signature must
// come out exactly as printed there.
import { describe, expect, it } from 'vitest'
import { sha256Hex } from '../worker/domain/digest'
import { acs3Query, percentEncode, signAcs3, signTc3 } from '../worker/lib/providers/signing'

describe('阿里云 ACS3-HMAC-SHA256', () => {
  // Source: 阿里云 OpenAPI「V3版本请求体&签名机制」, the fixed-value example (RunInstances)
  // https://help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature
  // (English: https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature)
  const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
  const input = {
    method: 'POST',
    path: '/',
    query: {
      ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd',
      RegionId: 'cn-shanghai',
    },
    headers: {
      host: 'ecs.cn-shanghai.aliyuncs.com',
      'x-acs-action': 'RunInstances',
      'x-acs-version': '2014-05-26',
      'x-acs-date': '2023-10-26T10:22:32Z',
      'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
      'x-acs-content-sha256': EMPTY_SHA256,
    },
    accessKeyId: 'YourAccessKeyId',
    accessKeySecret: 'YourAccessKeySecret',
  }

  it('hashes the empty body as the example does', async () => {
    expect(await sha256Hex('')).toBe(EMPTY_SHA256)
  })

  it('builds the canonical request, string to sign and Authorization of the example', async () => {
    const signed = await signAcs3(input)
    expect(signed.canonicalRequest).toBe(
      [
        'POST',
        '/',
        'ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai',
        'host:ecs.cn-shanghai.aliyuncs.com',
        'x-acs-action:RunInstances',
        `x-acs-content-sha256:${EMPTY_SHA256}`,
        'x-acs-date:2023-10-26T10:22:32Z',
        'x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d',
        'x-acs-version:2014-05-26',
        '',
        'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
        EMPTY_SHA256,
      ].join('\n'),
    )
    expect(signed.stringToSign).toBe(
      `ACS3-HMAC-SHA256\n${await sha256Hex(signed.canonicalRequest)}`,
    )
    expect(signed.signature).toBe(
      '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    )
    expect(signed.authorization).toBe(
      'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    )
  })

  it('changes the signature when any signed part changes', async () => {
    const other = await signAcs3({ ...input, query: { ...input.query, RegionId: 'cn-hangzhou' } })
    expect(other.signature).not.toBe(
      '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    )
  })

  it('percent-encodes as the page specifies (space %20, * %2A, ~ kept, UTF-8)', () => {
    expect(percentEncode('a b*c~d')).toBe('a%20b%2Ac~d')
    expect(percentEncode('{"code":"1234"}')).toBe('%7B%22code%22%3A%221234%22%7D')
    expect(percentEncode('举手')).toBe('%E4%B8%BE%E6%89%8B')
    expect(acs3Query({ b: '2', a: 'x y', 'Tag.1.Key': 'k' })).toBe('Tag.1.Key=k&a=x%20y&b=2')
  })
})

describe('腾讯云 TC3-HMAC-SHA256', () => {
  // Source: 腾讯云 API 3.0「签名方法 v3」, the worked example (CVM DescribeInstances, timestamp
  // 1551113065), the same page for every product, SMS included:
  // https://cloud.tencent.com/document/api/382/52072 and https://www.tencentcloud.com/document/api/1021/34193
  const payload =
    '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}'
  const input = {
    secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
    secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
    service: 'cvm',
    host: 'cvm.tencentcloudapi.com',
    timestamp: 1551113065,
    contentType: 'application/json; charset=utf-8',
    payload,
  }

  it('hashes the payload as the example does', async () => {
    expect(await sha256Hex(payload)).toBe(
      '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    )
  })

  it('builds the canonical request, string to sign and Authorization of the example', async () => {
    const signed = await signTc3(input)
    expect(signed.canonicalRequest).toBe(
      [
        'POST',
        '/',
        '',
        'content-type:application/json; charset=utf-8',
        'host:cvm.tencentcloudapi.com',
        '',
        'content-type;host',
        '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
      ].join('\n'),
    )
    expect(signed.stringToSign).toBe(
      [
        'TC3-HMAC-SHA256',
        '1551113065',
        '2019-02-25/cvm/tc3_request',
        '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
      ].join('\n'),
    )
    expect(signed.signature).toBe(
      '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    )
    expect(signed.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    )
  })

  it('signs with the UTC day of the timestamp (00:44 in UTC+8 is still the 25th)', async () => {
    // The page's note: 1551113065 is 2019-02-26 00:44:25 in UTC+8, and the scope says 2019-02-25.
    expect((await signTc3(input)).stringToSign.split('\n')[2]).toBe('2019-02-25/cvm/tc3_request')
    // The page's current edition masks the key as Gu5t9xGARNpq86cd98joQYCN3*******; its signature:
    const masked = await signTc3({ ...input, secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******' })
    expect(masked.signature).toBe(
      '2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c',
    )
  })
})
