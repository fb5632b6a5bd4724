import type { Source } from './types.ts';

// The sources our content relies on, named once so every item cites them the same way.
// Facts and URLs come from ../shared/reference/field-research.md and the seed article.

export const SOURCES = {
  nciWaiting: {
    title: 'National Cancer Institute: What You Need To Know About Oral Cancer — getting a second opinion',
    url: 'http://www.cancer.gov/cancertopics/wyntk/oral/page9/print',
  },
  aarpArticle: {
    title: 'AARP: The Art of Getting a Second Medical Opinion',
    url: 'https://www.aarp.org/health/conditions-treatments/info-2019/second-medical-opinion.html',
  },
  medicareSecondOpinion: {
    title: 'Medicare.gov: Second surgical opinions',
    url: 'https://www.medicare.gov/coverage/second-surgical-opinions',
  },
  // ---------- records (step 6) ----------
  hipaaAccess: {
    title: 'HIPAA Times: Health care providers’ guide to HIPAA information access requirements (45 CFR 164.524)',
    url: 'https://hipaatimes.com/healthcare-providers-guide-to-hipaa-information-access-requirements?hs_amp=true',
  },
  hipaaFees: {
    title: 'California Hospital Association: New HIPAA guidance clarifies patients’ rights to their health information',
    url: 'https://www.calhospital.org/cha-news-article/new-hipaa-guidance-clarifies-patients-rights-their-health-information',
  },
  hhsCourtOrder: {
    title: 'HHS: Court order on the HIPAA right of access (Ciox Health v. Azar)',
    url: 'https://www.hhs.gov/hipaa/court-order-right-of-access/index.html',
  },
  hhsEnforcement: {
    title: 'HHS news release (July 15, 2022): Eleven enforcement actions uphold patients’ rights under HIPAA',
    url: 'https://www.hhs.gov/about/news/2022/07/15/eleven-enforcement-actions-uphold-patients-rights-under-hipaa.html',
  },
  curesAct: {
    title: 'OpenNotes: The federal rule on sharing notes with patients (21st Century Cures Act)',
    url: 'https://www.opennotes.org/onc-federal-rule/',
  },
  imagesOnCd: {
    title: 'FAQs on requesting images on CD',
    url: 'https://docslib.org/doc/12588688/faqs-on-requesting-images-on-cd',
  },
  mskccRecordsReview: {
    title: 'Memorial Sloan Kettering Cancer Center: Requesting a medical records review',
    url: 'https://www.mskcc.org/experience/become-patient/international-patients/requesting-medical-records-review',
  },
} satisfies Record<string, Source>;
