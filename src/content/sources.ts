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
  // Coverage, choosing the path, tasks (issue 3, second half).
  medicareInteractive: {
    title: 'Medicare Interactive (Medicare Rights Center): Medicare and second opinions',
    url: 'https://www.medicareinteractive.org/get-answers/planning-for-medicare-and-securing-quality-care/getting-quality-care/medicare-and-second-opinions',
  },
  medicareAdvantageReferral: {
    title: 'Medicare.org: Do I need a referral to see a specialist with Medicare Advantage plans?',
    url: 'https://www.medicare.org/articles/do-i-need-a-referral-to-see-a-specialist-with-medicare-advantage-plans/',
  },
  medicareAdvantagePriorAuth: {
    title: 'UnitedHealthcare provider guide: Medicare Advantage referral requirements',
    url: 'https://www.uhcprovider.com/en/admin-guides/administrative-guides-manuals-2020/ch5-referrals-2020/med-adv-ref-req-plans-ch5-guide.html',
  },
  medicaidSecondOpinion: {
    title: 'eCFR: 42 CFR 438.206 Availability of services (Medicaid managed care)',
    url: 'https://www.ecfr.gov/current/title-42/chapter-IV/subchapter-C/part-438/subpart-D/section-438.206',
  },
  oregonSecondOpinionLaw: {
    title: 'Oregon Revised Statutes 743.856 (second opinions outside the network)',
    url: 'https://law.onecle.com/oregon/743-health-and-life-insurance/743.856.html',
  },
  nciFindingCare: {
    title: 'National Cancer Institute: Finding Cancer Care',
    url: 'https://www.cancer.gov/about-cancer/managing-care/services',
  },
  nciCancerCenters: {
    title: 'National Cancer Institute: Find an NCI-Designated Cancer Center',
    url: 'https://www.cancer.gov/research/infrastructure/cancer-centers/find',
  },
  danaFarberSecondOpinion: {
    title: 'Dana-Farber Cancer Institute: Second Opinion Program FAQ',
    url: 'https://www.dana-farber.org/appointments-second-opinions/second-opinion-program/faq',
  },
  mgbOnlineSecondOpinion: {
    title: 'Mass General Brigham: Online Second Opinions',
    url: 'https://poso.partners.org/Home/ProviderHome',
  },
  cmsFinancialAssistance: {
    title: 'CMS.gov: How to apply for financial assistance (medical bill rights)',
    url: 'https://www.cms.gov/medical-bill-rights/help/guides/financial-assistance',
  },
  healthcareGovAppeals: {
    title: 'HealthCare.gov: Appealing a health plan decision — internal appeals',
    url: 'https://www.healthcare.gov/appeal-insurance-company-decision/internal-appeals/',
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
  meyer2015: {
    title: 'Meyer, Singh, Graber. Evaluation of outcomes from a national patient-initiated second-opinion program. Am J Med 2015',
    url: 'https://www.rti.org/publication/evaluation-outcomes-national-patient-initiated-second-opinion-program',
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

// Comparing opinions and a third opinion (issue 6). Facts from field-research.md §1, §4, §5.
export const OPINION_SOURCES = {
  meyer2015: {
    title: 'Meyer, Singh, Graber et al. Evaluation of outcomes from a national patient-initiated second-opinion program. Am J Med 2015;128(10):1138.e25-33 (RTI International)',
    url: 'https://www.rti.org/publication/evaluation-outcomes-national-patient-initiated-second-opinion-program',
  },
  vanSuch2017: {
    title: 'Van Such et al. Extent of diagnostic agreement among medical referrals. J Eval Clin Pract 2017;23(4):870-4 (PubMed)',
    url: 'https://pubmed.ncbi.nlm.nih.gov/28374457/',
  },
  singhBothWrong: {
    title: 'Maryland Psychiatric Foundation: Second opinions helpful, but value in outcomes not yet proven (Hardeep Singh)',
    url: 'https://mdpsychfoundation.org/second-opinions-helpful-but-value-in-outcomes-not-yet-proven',
  },
  reconcileOpinions: {
    title: 'PMC: who is told about second opinions, and the call for tools to reconcile differing opinions',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC6335699',
  },
  medicareInteractive: {
    title: 'Medicare Interactive (Medicare Rights Center): Medicare and second opinions',
    url: 'https://www.medicareinteractive.org/get-answers/planning-for-medicare-and-securing-quality-care/getting-quality-care/medicare-and-second-opinions',
  },
  medicareAdvantageReferral: {
    title: 'Medicare.org: Do I need a referral to see a specialist with Medicare Advantage plans?',
    url: 'https://www.medicare.org/articles/do-i-need-a-referral-to-see-a-specialist-with-medicare-advantage-plans/',
  },
  medicaidManagedCare: {
    title: 'eCFR: 42 CFR 438.206(b)(3), availability of services (Medicaid managed care, second opinion)',
    url: 'https://www.ecfr.gov/current/title-42/chapter-IV/subchapter-C/part-438/subpart-D/section-438.206',
  },
  nciCancerCare: {
    title: 'National Cancer Institute: Finding health care services (cancer doctors and treatment centers)',
    url: 'https://www.cancer.gov/about-cancer/managing-care/services',
  },
  reasoningInWriting: {
    title: 'Survivorship A to Z: Second opinions 101',
    url: 'https://www.survivorshipatoz.org/colorectal/topics/second-opinions-101/?sid=329',
  },
  // A third opinion: Part B's rule, and what it means for Medicare Advantage (issue 10, item 4).
  cmsBenefitPolicyCh15: {
    title: 'CMS Medicare Benefit Policy Manual (Pub. 100-02), Chapter 15, §30.C: second and third opinions on the need for surgery or other major procedures',
    url: 'https://www.cms.gov/Regulations-and-Guidance/Guidance/Manuals/Downloads/bp102c15.pdf',
  },
  maBasicBenefits: {
    title: 'eCFR: 42 CFR 422.101(a)-(b), Medicare Advantage plans cover all Part A and Part B services, under Original Medicare’s coverage rules',
    url: 'https://www.ecfr.gov/current/title-42/chapter-IV/subchapter-B/part-422/subpart-C/section-422.101',
  },
  maAccessToServices: {
    title: 'eCFR: 42 CFR 422.112(a), Medicare Advantage coordinated care plans: networks, referrals to specialists, care outside the network',
    url: 'https://www.ecfr.gov/current/title-42/chapter-IV/subchapter-B/part-422/subpart-C/section-422.112',
  },
} satisfies Record<string, Source>;
