import assert from 'node:assert/strict';
import { test } from 'node:test';
import { can, type MembershipFacts, type PatientAction } from '../../src/platform/auth/policy.ts';

const m = (over: Partial<MembershipFacts> = {}): MembershipFacts => ({
  role: 'helper',
  removed: false,
  createdProfile: false,
  ...over,
});

test('who may do what for a patient', () => {
  const rows: [string, MembershipFacts | null, boolean, PatientAction, boolean][] = [
    // [case, membership, patient has own account, action, allowed]
    ['no membership', null, true, 'view', false],
    ['removed helper', m({ removed: true }), true, 'view', false],
    ['removed owner', m({ role: 'owner', removed: true }), true, 'edit', false],
    ['helper views', m(), true, 'view', true],
    ['helper edits', m(), true, 'edit', true],
    ['helper sees audit', m(), true, 'viewAudit', true],
    ['helper cannot manage members of a patient with an account', m(), true, 'manageMembers', false],
    ['helper cannot edit profile of a patient with an account', m(), true, 'editProfile', false],
    ['owner manages members', m({ role: 'owner' }), true, 'manageMembers', true],
    ['owner edits profile', m({ role: 'owner' }), true, 'editProfile', true],
    ['creator of a profile without account manages', m({ createdProfile: true }), false, 'manageMembers', true],
    ['advocate creator edits profile', m({ role: 'advocate', createdProfile: true }), false, 'editProfile', true],
    ['non-creator helper of a profile without account', m(), false, 'manageMembers', false],
    [
      'creator loses management once the patient owns the profile',
      m({ createdProfile: true }),
      true,
      'manageMembers',
      false,
    ],
    ['removed creator', m({ createdProfile: true, removed: true }), false, 'manageMembers', false],
  ];
  for (const [name, membership, hasOwner, action, allowed] of rows) {
    assert.equal(can(action, membership, { hasOwner }), allowed, name);
  }
});
