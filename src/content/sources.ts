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
} satisfies Record<string, Source>;
