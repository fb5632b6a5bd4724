import { SOURCES } from './sources.ts';
import type { SourcedItem } from './types.ts';

// Signs of a medical emergency, shown before anything else in the second-opinion check.
// Facts: MedlinePlus "Recognizing medical emergencies" (it gives the American College of
// Emergency Physicians' list), Medicare's "don't wait for a second opinion if you need
// emergency surgery", and the 988 Suicide & Crisis Lifeline for the crisis line (the
// MedlinePlus page does not name 988). We never suggest waiting when any of these is true.

const reviewed = '2026-12-07';
const src = SOURCES.medlineEmergencies;
const signs = 'second-opinion check: the first question (is any of these happening now?), and the emergency result';

export const EMERGENCY_SIGNS: readonly SourcedItem[] = [
  { id: 'emergency.sign.chest', text: 'content.emergency.sign.chest', source: src, reviewed, trigger: signs },
  { id: 'emergency.sign.breathing', text: 'content.emergency.sign.breathing', source: src, reviewed, trigger: signs },
  { id: 'emergency.sign.bleeding', text: 'content.emergency.sign.bleeding', source: src, reviewed, trigger: signs },
  { id: 'emergency.sign.fainting', text: 'content.emergency.sign.fainting', source: src, reviewed, trigger: signs },
  { id: 'emergency.sign.confusion', text: 'content.emergency.sign.confusion', source: src, reviewed, trigger: signs },
  { id: 'emergency.sign.sudden', text: 'content.emergency.sign.sudden', source: src, reviewed, trigger: signs },
  { id: 'emergency.sign.pain', text: 'content.emergency.sign.pain', source: src, reviewed, trigger: signs },
  { id: 'emergency.sign.blood', text: 'content.emergency.sign.blood', source: src, reviewed, trigger: signs },
  { id: 'emergency.sign.vomiting', text: 'content.emergency.sign.vomiting', source: src, reviewed, trigger: signs },
  { id: 'emergency.sign.injury', text: 'content.emergency.sign.injury', source: src, reviewed, trigger: signs },
  { id: 'emergency.sign.poison', text: 'content.emergency.sign.poison', source: src, reviewed, trigger: signs },
  { id: 'emergency.sign.harm', text: 'content.emergency.sign.harm', source: src, reviewed, trigger: signs },
];

/** What to do in an emergency: the first thing the check's result says when one is reported. */
export const EMERGENCY_ACTIONS: readonly SourcedItem[] = [
  {
    id: 'emergency.call',
    text: 'content.emergency.call',
    source: src,
    reviewed,
    trigger: 'second-opinion check result, when an emergency sign is happening now (first line)',
  },
  {
    id: 'emergency.dontWait',
    text: 'content.emergency.dontWait',
    source: SOURCES.medicareBeforeSurgery,
    reviewed,
    trigger:
      'second-opinion check result: the emergency result, and the "how soon" box whenever the doctor wants to start soon or did not say',
  },
  {
    id: 'emergency.crisisLine',
    text: 'content.emergency.crisisLine',
    source: SOURCES.crisisLifeline,
    reviewed,
    trigger: 'second-opinion check result, when an emergency sign is happening now',
  },
];
