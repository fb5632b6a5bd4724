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
  // ---- issue 3a: the second-opinion check, urgent care and the question bank ----
  clevelandClinicFaq: {
    title: 'Cleveland Clinic MyConsult: Online second opinion questions and answers',
    url: 'https://www.eclevelandclinic.org/displayOnlineSecondOpinionFaq',
  },
  clevelandClinicProcess: {
    title: 'Cleveland Clinic MyConsult: How an online second opinion works',
    url: 'https://test.eclevelandclinic.org/displayOnlineSecondOpinionProcessOverview',
  },
  mskRecordsReview: {
    title: 'Memorial Sloan Kettering Cancer Center: Requesting a medical records review',
    url: 'https://www.mskcc.org/experience/become-patient/international-patients/requesting-medical-records-review',
  },
  medicareBeforeSurgery: {
    title: 'Medicare.gov: Get a second opinion before surgery',
    url: 'https://www.medicare.gov/what-medicare-covers/what-part-b-covers/get-a-second-opinion-before-surgery',
  },
  medlineEmergencies: {
    title: 'MedlinePlus (U.S. National Library of Medicine): Recognizing medical emergencies',
    url: 'https://medlineplus.gov/ency/article/001927.htm',
  },
  danaFarberSecondOpinionFaq: {
    title: 'Dana-Farber Cancer Institute: Second opinion program, frequently asked questions',
    url: 'https://www.dana-farber.org/appointments-second-opinions/second-opinion-program/faq',
  },
  nciFindingCare: {
    title: 'National Cancer Institute: Finding health care services',
    url: 'https://www.cancer.gov/about-cancer/managing-care/services',
  },
  meyer2015: {
    title: 'Meyer, Singh, Graber. Evaluation of outcomes from a national patient-initiated second-opinion program. Am J Med 2015',
    url: 'https://www.rti.org/publication/evaluation-outcomes-national-patient-initiated-second-opinion-program',
  },
} satisfies Record<string, Source>;
