import { SOURCES } from './sources.ts';
import type { SourcedItem } from './types.ts';

// Signs of a medical emergency, shown before anything else in the second-opinion check.
// Facts: MedlinePlus "Recognizing medical emergencies" (it gives the American College of
// Emergency Physicians' list) and Medicare's "don't wait for a second opinion if you need
// emergency surgery". We never suggest waiting when any of these is true.

const reviewed = '2026-11-27';
const src = SOURCES.medlineEmergencies;

export const EMERGENCY_SIGNS: readonly SourcedItem[] = [
  { id: 'emergency.sign.chest', text: 'content.emergency.sign.chest', source: src, reviewed },
  { id: 'emergency.sign.breathing', text: 'content.emergency.sign.breathing', source: src, reviewed },
  { id: 'emergency.sign.bleeding', text: 'content.emergency.sign.bleeding', source: src, reviewed },
  { id: 'emergency.sign.fainting', text: 'content.emergency.sign.fainting', source: src, reviewed },
  { id: 'emergency.sign.confusion', text: 'content.emergency.sign.confusion', source: src, reviewed },
  { id: 'emergency.sign.sudden', text: 'content.emergency.sign.sudden', source: src, reviewed },
  { id: 'emergency.sign.pain', text: 'content.emergency.sign.pain', source: src, reviewed },
  { id: 'emergency.sign.blood', text: 'content.emergency.sign.blood', source: src, reviewed },
  { id: 'emergency.sign.vomiting', text: 'content.emergency.sign.vomiting', source: src, reviewed },
  { id: 'emergency.sign.injury', text: 'content.emergency.sign.injury', source: src, reviewed },
  { id: 'emergency.sign.poison', text: 'content.emergency.sign.poison', source: src, reviewed },
  { id: 'emergency.sign.harm', text: 'content.emergency.sign.harm', source: src, reviewed },
];

/** What to do in an emergency: the first thing the check's result says when one is reported. */
export const EMERGENCY_ACTIONS: readonly SourcedItem[] = [
  { id: 'emergency.call', text: 'content.emergency.call', source: src, reviewed },
  { id: 'emergency.dontWait', text: 'content.emergency.dontWait', source: SOURCES.medicareBeforeSurgery, reviewed },
  { id: 'emergency.crisisLine', text: 'content.emergency.crisisLine', source: src, reviewed },
];
