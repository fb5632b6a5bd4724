import type { Source } from './types.ts';

// The sources our content relies on, named once so every item cites them the same way.
// Facts and URLs come from ../shared/reference/field-research.md and the seed article;
// the coverage, appeal and urgency sources were checked again on 2026-12-07 against the
// official text (issue 10, items 4 and 5), and the secondary sources left after that were
// replaced or removed the same day (issue 10, item 9; docs/content-policy.md). Prefer the
// official page (medicare.gov, cms.gov, ecfr.gov, hhs.gov, healthit.gov, cancer.gov) to a
// summary of it.

export const SOURCES = {
  // The retired NCI "What You Need To Know About" page that said "several weeks is usually
  // fine" is gone on purpose: no current official page says so, so we no longer do.
  aarpArticle: {
    title: 'AARP: The Art of Getting a Second Medical Opinion',
    url: 'https://www.aarp.org/health/conditions-treatments/info-2019/getting-second-medical-opinions.html',
  },
  medicareSecondOpinion: {
    title: 'Medicare.gov: Second surgical opinions',
    url: 'https://www.medicare.gov/coverage/second-surgical-opinions',
  },
  // Coverage and choosing the path (issue 3, second half).
  medicaidSecondOpinion: {
    title: 'eCFR: 42 CFR 438.206 Availability of services (Medicaid managed care)',
    url: 'https://www.ecfr.gov/current/title-42/chapter-IV/subchapter-C/part-438/subpart-D/section-438.206',
  },
  nciFindingCare: {
    title: 'National Cancer Institute: Finding Cancer Care',
    url: 'https://www.cancer.gov/about-cancer/managing-care/services',
  },
  nciCancerCenters: {
    // Read on 2026-12-07 at its older address (cancer.gov/researchandfunding/extramural/cancercenters),
    // which leads to this page; cancer.gov's research infrastructure page links here.
    title: 'National Cancer Institute: NCI-Designated Cancer Centers',
    url: 'https://www.cancer.gov/research/infrastructure/cancer-centers',
  },
  mgbOnlineSecondOpinion: {
    // The program's own page: a physician-to-physician service of Harvard teaching hospitals;
    // records, images and slides are reviewed remotely; the patient's own doctor must take part.
    title: 'Mass General Brigham: Online Second Opinions, for referring physicians (how it works)',
    url: 'https://poso.partners.org/Home/ProviderHome',
  },
  healthcareGovAppeals: {
    title: 'HealthCare.gov: Appealing a health plan decision — internal appeals',
    url: 'https://www.healthcare.gov/appeal-insurance-company-decision/internal-appeals/',
  },
  // ---- issue 3a: the second-opinion check, urgent care and the question bank ----
  clevelandClinicProcess: {
    title: 'Cleveland Clinic MyConsult: How an online second opinion works',
    url: 'https://www.eclevelandclinic.org/displayOnlineSecondOpinionProcessOverview',
  },
  mskRecordsReview: {
    // Read 2026-12-07: "seeking a second opinion is a good option when" the diagnosis is
    // unclear, the condition is rare, treatment is not working as expected ... (cancer and blood disorders).
    title:
      'Memorial Sloan Kettering Cancer Center: International patients, how to request a remote second opinion (who should request one)',
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
    title:
      'Meyer, Singh, Graber. Evaluation of outcomes from a national patient-initiated second-opinion program. Am J Med 2015',
    url: 'https://www.rti.org/publication/evaluation-outcomes-national-patient-initiated-second-opinion-program',
  },
  // ---------- records (step 6) ----------
  // Official texts (checked 2026-12-07; issue 10 replaced the secondary sources used before).
  ecfr164524: {
    title: 'eCFR: 45 CFR 164.524, Access of individuals to protected health information (HIPAA right of access)',
    url: 'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-E/section-164.524',
  },
  ecfr164508: {
    title: 'eCFR: 45 CFR 164.508, Uses and disclosures for which an authorization is required',
    url: 'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-E/section-164.508',
  },
  ecfr164501: {
    title: 'eCFR: 45 CFR 164.501, Definitions (designated record set, record)',
    url: 'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-E/section-164.501',
  },
  hhsAccessGuidance: {
    title: 'HHS: Individuals’ right under HIPAA to access their health information (45 CFR 164.524)',
    url: 'https://www.hhs.gov/hipaa/for-professionals/privacy/guidance/access/index.html',
  },
  hhsFlatFee: {
    title:
      'HHS FAQ 2030: Is $6.50 the maximum amount that can be charged to provide individuals with a copy of their PHI?',
    url: 'https://www.hhs.gov/hipaa/for-professionals/faq/2030/is-650-the-maximum-amount-that-can-be-charged/index.html',
  },
  cioxRuling: {
    title: 'Ciox Health, LLC v. Azar, No. 18-cv-0040 (D.D.C. January 23, 2020), memorandum opinion and order',
    url: 'https://ecf.dcd.uscourts.gov/cgi-bin/show_public_doc?2018cv0040-51',
  },
  ecfr4931105: {
    title: 'eCFR: 42 CFR 493.1105, Standard: Retention requirements (CLIA laboratories)',
    url: 'https://www.ecfr.gov/current/title-42/chapter-IV/subchapter-G/part-493/subpart-J/section-493.1105',
  },
  hhsCourtOrder: {
    title: 'HHS: Court order on the HIPAA right of access (Ciox Health v. Azar)',
    url: 'https://www.hhs.gov/hipaa/court-order-right-of-access/index.html',
  },
  hhsEnforcement: {
    title: 'HHS news release (July 15, 2022): Eleven enforcement actions uphold patients’ rights under HIPAA',
    url: 'https://www.hhs.gov/about/news/2022/07/15/eleven-enforcement-actions-uphold-patients-rights-under-hipaa.html',
  },
  // The information blocking rule under the 21st Century Cures Act: who it binds and from
  // when (171.101), what electronic health information is (171.102), what information
  // blocking is (171.103). It replaced a nonprofit's summary (opennotes.org).
  ecfrInformationBlocking: {
    title: 'eCFR: 45 CFR part 171, Information blocking (21st Century Cures Act): sections 171.101 to 171.103',
    url: 'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-D/part-171',
  },
  // Replaced a copy of a hospital handout on docslib.org.
  hhsImagesFaq: {
    title:
      'HHS FAQ 2059: Do individuals have a right under HIPAA to get copies of their x-rays or other diagnostic images?',
    url: 'https://www.hhs.gov/hipaa/for-professionals/faq/2059/do-individuals-have-a-right-under-hipaa-to-get-copies/index.html',
  },
  // ---- coverage per plan type, appeals, self-pay and urgency (issue 10, items 4 and 5) ----
  cmsSecondOpinionManual: {
    title: 'CMS: Medicare Benefit Policy Manual, chapter 15, section 30.D (second opinions by physicians)',
    url: 'https://www.cms.gov/Regulations-and-Guidance/Guidance/Manuals/Downloads/bp102c15.pdf',
  },
  medicareCompareChoices: {
    title: 'Medicare.gov: Compare Original Medicare and Medicare Advantage',
    url: 'https://www.medicare.gov/sign-up-change-plans/decide-how-to-get-medicare/your-medicare-coverage-choices.html',
  },
  medicareAssignment: {
    title: 'Medicare.gov: Does your provider accept Medicare as full payment? (assignment)',
    url: 'https://www.medicare.gov/basics/costs/medicare-costs/provider-accept-Medicare',
  },
  medicareAppeals: {
    title: 'Medicare.gov: How do I file an appeal?',
    url: 'https://www.medicare.gov/claims-appeals/how-do-i-file-an-appeal',
  },
  cmsAdvantageReconsideration: {
    title: 'CMS.gov: Reconsideration by the Medicare Advantage (Part C) health plan',
    url: 'https://www.cms.gov/Medicare/Appeals-and-Grievances/MMCAG/PartCRecon',
  },
  ecfrAdvantageBasicBenefits: {
    title: 'eCFR: 42 CFR 422.101, requirements relating to basic benefits (Medicare Advantage)',
    url: 'https://www.ecfr.gov/current/title-42/chapter-IV/subchapter-B/part-422/subpart-C/section-422.101',
  },
  ecfrMedicaidPlanAppeal: {
    title: 'eCFR: 42 CFR 438.402, grievance and appeal system (Medicaid managed care)',
    url: 'https://www.ecfr.gov/current/title-42/chapter-IV/subchapter-C/part-438/subpart-F/section-438.402',
  },
  ecfrMedicaidPlanFairHearing: {
    title:
      'eCFR: 42 CFR 438.408, resolution and notification of appeals and State fair hearings (Medicaid managed care)',
    url: 'https://www.ecfr.gov/current/title-42/chapter-IV/subchapter-C/part-438/subpart-F/section-438.408',
  },
  ecfrMedicaidFairHearing: {
    title: 'eCFR: 42 CFR 431.221, request for a fair hearing (Medicaid)',
    url: 'https://www.ecfr.gov/current/title-42/chapter-IV/subchapter-C/part-431/subpart-E/section-431.221',
  },
  ecfrGoodFaithEstimate: {
    title: 'eCFR: 45 CFR 149.610, good faith estimates for uninsured or self-pay people (No Surprises Act)',
    url: 'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-B/part-149/subpart-G/section-149.610',
  },
  ecfrGoodFaithDispute: {
    title: 'eCFR: 45 CFR 149.620, patient-provider dispute resolution (No Surprises Act)',
    url: 'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-B/part-149/subpart-G/section-149.620',
  },
  healthcareGovPlanTypes: {
    title: 'HealthCare.gov: Health insurance plan and network types: HMOs, PPOs, and more',
    url: 'https://www.healthcare.gov/choose-a-plan/plan-types/',
  },
  // A state legislature's research office, read 2026-12-07: ERISA keeps state insurance laws,
  // mandates included, from applying to a self-insured employer plan; they still reach insured plans.
  erisaSelfInsured: {
    title:
      'Connecticut General Assembly, Office of Legislative Research: Self-insured benefit plans and insurance mandates (ERISA preemption)',
    url: 'https://www.cga.ct.gov/2005/rpt/2005-R-0753.htm',
  },
  cfpbFinancialHelp: {
    title: 'Consumer Financial Protection Bureau: Is there financial help for my medical bills?',
    url: 'https://www.consumerfinance.gov/ask-cfpb/is-there-financial-help-for-my-medical-bills-en-2124/',
  },
  danaFarberOnlineConsult: {
    title: 'Dana-Farber Cancer Institute: Partners Online Specialty Consultations',
    url: 'https://www.dana-farber.org/Partners-Online-Specialty-Consultations.aspx',
  },
  clevelandClinicWhySecondOpinion: {
    title: 'Cleveland Clinic: Why you should consider a second medical opinion',
    url: 'https://health.clevelandclinic.org/why-you-should-consider-a-second-medical-opinion',
  },
  crisisLifeline: {
    title: '988 Suicide & Crisis Lifeline',
    url: 'https://988lifeline.org/',
  },
} satisfies Record<string, Source>;

// Comparing opinions and a third opinion (issue 6). Facts from field-research.md §1, §4, §5.
export const OPINION_SOURCES = {
  meyer2015: {
    title:
      'Meyer, Singh, Graber et al. Evaluation of outcomes from a national patient-initiated second-opinion program. Am J Med 2015;128(10):1138.e25-33 (RTI International)',
    url: 'https://www.rti.org/publication/evaluation-outcomes-national-patient-initiated-second-opinion-program',
  },
  vanSuch2017: {
    title:
      'Van Such et al. Extent of diagnostic agreement among medical referrals. J Eval Clin Pract 2017;23(4):870-4 (PubMed)',
    url: 'https://pubmed.ncbi.nlm.nih.gov/28374457/',
  },
  singhBothWrong: {
    title:
      'Maryland Psychiatric Foundation: Second opinions helpful, but value in outcomes not yet proven (Hardeep Singh)',
    url: 'https://mdpsychfoundation.org/second-opinions-helpful-but-value-in-outcomes-not-yet-proven',
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
    title:
      'CMS Medicare Benefit Policy Manual (Pub. 100-02), Chapter 15, §30.C: second and third opinions on the need for surgery or other major procedures',
    url: 'https://www.cms.gov/Regulations-and-Guidance/Guidance/Manuals/Downloads/bp102c15.pdf',
  },
  maBasicBenefits: {
    title:
      'eCFR: 42 CFR 422.101(a)-(b), Medicare Advantage plans cover all Part A and Part B services, under Original Medicare’s coverage rules',
    url: 'https://www.ecfr.gov/current/title-42/chapter-IV/subchapter-B/part-422/subpart-C/section-422.101',
  },
  maAccessToServices: {
    title:
      'eCFR: 42 CFR 422.112(a), Medicare Advantage coordinated care plans: networks, referrals to specialists, care outside the network',
    url: 'https://www.ecfr.gov/current/title-42/chapter-IV/subchapter-B/part-422/subpart-C/section-422.112',
  },
} satisfies Record<string, Source>;
