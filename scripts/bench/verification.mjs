// 查找我的记录: asking for a one-time code (#16 point 5). Each request is a new phone from a new
// address (the limits are per phone and per address: a real resident asks once or twice), so
// every one goes the whole way: three rate-limit hits, the hashed code stored, the SMS signed
// (TC3-HMAC-SHA256) and sent to the providers' stand-in (scripts/lib/provider-standin.mjs, which
// the bench starts and points the worker at), the code form rendered.

let sent = 0

export const cases = [
  {
    name: 'otp-request',
    title: 'POST /me/code: a one-time code (limits, hashed code, signed SMS to the stand-in)',
    order: 60,
    goal: 0.4,
    request: () => {
      const n = ++sent
      return {
        method: 'POST',
        path: '/me/code',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'cf-connecting-ip': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
        },
        body: `phone=136${String(n).padStart(8, '0')}`,
      }
    },
    expect: 200,
  },
]
