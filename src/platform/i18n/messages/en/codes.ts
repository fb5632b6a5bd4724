/** The ICD-10-CM code search and code years (issue 10, item 8). */
export const codes = {
  'codes.retired.since': '(no longer used since FY{year})',
  'codes.retired.between': '(no longer used: listed in FY{last}, not in FY{gone})',
} as const;
