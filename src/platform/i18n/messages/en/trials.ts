// Clinical trials for the case's condition, from ClinicalTrials.gov. Sourced facts are the
// content.trials.* keys (src/content/trials.ts). We show studies; we never say to join one.
export const trials = {
  'trials.title': 'Clinical trials for this condition',
  'trials.intro':
    'Look up research studies that are taking people now, or will soon. The list comes from ClinicalTrials.gov, a site run by the U.S. National Library of Medicine.',
  'trials.caseLink.heading': 'Clinical trials',
  'trials.caseLink.text':
    'See research studies for this condition near you. This is only a list to talk over with the doctor.',
  'trials.caseLink.link': 'Clinical trials for this condition',

  'trials.about.heading': 'Before you look',
  'trials.field.condition': 'Condition or disease',
  'trials.field.conditionHint':
    'We filled in the diagnosis from the case. Shorter words often find more. For example: breast cancer.',
  'trials.field.near': 'ZIP code',
  'trials.field.nearHint': 'Five numbers. Leave it empty to look everywhere.',
  'trials.field.radius': 'How far away',
  'trials.radius.miles': 'Within {miles} miles',
  'trials.submit': 'Look up trials',

  'trials.errors.condition': 'Type the condition to look for.',
  'trials.errors.zip': 'Type a ZIP code with five numbers, like 60614.',
  'trials.errors.zipUnknown': 'We do not know this ZIP code. Check it, or leave it empty.',
  'trials.errors.unreachable': 'We could not reach ClinicalTrials.gov. Try again later.',
  'trials.errors.badAnswer': 'ClinicalTrials.gov sent an answer we could not read. Try again later.',

  'trials.count': 'We found {total} studies. Here are the first {shown}.',
  'trials.countAll': 'We found {total} studies.',
  'trials.none':
    'We found no studies that are taking people for “{condition}” here. Try shorter words, or a longer distance.',
  'trials.resultsHeading': 'Studies',
  'trials.status': 'Status',
  'trials.phase': 'Phase',
  'trials.conditions': 'Conditions',
  'trials.interventions': 'What is tested',
  'trials.who': 'Who can join',
  'trials.places': 'Where',
  'trials.contacts': 'Who to ask',
  'trials.sponsor': 'Run by',
  'trials.moreOnSite': 'Read more about {id} on ClinicalTrials.gov',
  'trials.morePlaces': 'And {count} more places.',
  'trials.noPlaces': 'No places are listed yet.',
  'trials.distance': '{miles} miles away',
  'trials.notGiven': 'Not given',

  'trials.ask.button': 'Save to ask my doctor',
  'trials.ask.question': 'Could I join the clinical trial {id}: “{title}”?',
  'trials.ask.saved': 'We added a question about this trial to your list for the doctor.',
  'trials.ask.already': 'This trial is already on your list of questions for the doctor.',
  'trials.ask.full': 'Your list of questions is full. Remove one, then add this trial.',
  'trials.ask.seeList': 'See your questions for the doctor',
  'trials.errors.trial': 'We could not tell which trial this is. Go back and try again.',

  'trials.age.range': 'Ages {min} to {max}',
  'trials.age.min': 'Age {min} and older',
  'trials.age.max': 'Up to age {max}',
  'trials.age.any': 'Any age',
  'trials.sex.all': 'All sexes',
  'trials.sex.female': 'Women only',
  'trials.sex.male': 'Men only',
  'trials.healthy.yes': 'People without the condition may also join.',
  'trials.healthy.no': 'Only people with the condition.',

  'trials.statusName.RECRUITING': 'Taking people now',
  'trials.statusName.NOT_YET_RECRUITING': 'Will take people soon',
  'trials.statusName.ENROLLING_BY_INVITATION': 'By invitation only',
  'trials.statusName.ACTIVE_NOT_RECRUITING': 'Going on, but not taking new people',
  'trials.statusName.SUSPENDED': 'Paused for now',
  'trials.statusName.TERMINATED': 'Stopped early',
  'trials.statusName.COMPLETED': 'Finished',
  'trials.statusName.WITHDRAWN': 'Stopped before anyone joined',
  'trials.statusName.UNKNOWN': 'Status not known',

  'trials.phaseName.EARLY_PHASE1': 'Early phase 1',
  'trials.phaseName.PHASE1': 'Phase 1',
  'trials.phaseName.PHASE2': 'Phase 2',
  'trials.phaseName.PHASE3': 'Phase 3',
  'trials.phaseName.PHASE4': 'Phase 4',
  'trials.phaseName.NA': 'No phase',
  'trials.phaseNone': 'Not given',
  'trials.phasesHeading': 'What the phases mean',

  'content.trials.research':
    'A clinical trial is a research study. It tests a new way to find, prevent, or treat a disease. Its results are not known yet.',
  'content.trials.voluntary': 'Joining a trial is your choice. You can say no. If you join, you can leave at any time.',
  'content.trials.askDoctor':
    'We do not say if a trial is right for you. Take the list to your doctor and ask about it.',
  'content.trials.phase.early1': 'Early phase 1: a first test in a very small group of people, at a very low dose.',
  'content.trials.phase.1': 'Phase 1: tests if a treatment is safe, and what dose to use, in a small group.',
  'content.trials.phase.2': 'Phase 2: tests if a treatment works, and keeps checking safety, in a larger group.',
  'content.trials.phase.3': 'Phase 3: compares a treatment with the usual care, in a large group of people.',
  'content.trials.phase.4': 'Phase 4: studies a treatment that is already approved, to learn more over time.',
  'content.trials.phase.na':
    'No phase: the study does not test a drug. It may test a device, a habit, or a type of care.',
} as const;
