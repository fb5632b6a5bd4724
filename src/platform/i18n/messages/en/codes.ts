/** The ICD-10-CM code search and code years (issue 10, item 8). */
export const codes = {
  'codes.retired.since': '(no longer used since FY{year})',
  'codes.retired.between': '(no longer used: listed in FY{last}, not in FY{gone})',
  'codes.retiredFound':
    'This code is no longer in use, so it is not offered for new entries. Records and opinions that already use it still show it.',
  'codes.unknownCode': 'No ICD-10-CM list we have has the code {code}. Check it, or search with words.',
  'codes.partial': 'No code has all of your words. These codes have all of them but one.',
  'codes.ignored': 'No code uses these words, so we left them out: {words}.',
  'codes.aboutYear':
    'Codes from the ICD-10-CM list for FY{year}. That list is used for care from October 1, {from} to September 30, {to}. A new list comes out each October.',
  'codes.notAdvice': 'A code is a label, not advice: only a doctor can say which one fits.',
  'codes.errors.code': 'This is not an ICD-10-CM code. A code starts with a letter and a number, like C50.912.',
} as const;
