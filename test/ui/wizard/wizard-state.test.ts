import { describe, expect, it } from 'vitest';
import {
  canGoBack,
  initialWizardState,
  wizardReducer,
  type WizardAction,
  type WizardState,
} from '../../../source/ui/wizard/wizard-state.js';

const run = (state: WizardState, ...actions: WizardAction[]) =>
  actions.reduce(wizardReducer, state);

describe('wizardReducer', () => {
  it('starts at the login check, or on the review when asked', () => {
    expect(initialWizardState().step).toBe('login');
    expect(
      initialWizardState({ startAt: 'review', answers: { pks: { plan: 'x' } } }),
    ).toMatchObject({
      step: 'review',
      answers: { pks: { plan: 'x' } },
    });
  });

  it('walks the prompts in order as each is answered, keeping the answers', () => {
    const state = run(
      initialWizardState(),
      { type: 'submit' },
      { type: 'submit', patch: { pks: { plan: 'rancher' } } },
      { type: 'submit', patch: { pks: { lbSize: 'medium' } } },
    );
    expect(state.step).toBe('cluster');
    expect(state.answers).toEqual({ pks: { plan: 'rancher', lbSize: 'medium' } });
  });

  it('removes a field the patch sets to undefined', () => {
    const state = run(
      initialWizardState({ answers: { pks: { networkProfile: 'np', lbSize: 'large' } } }),
      { type: 'submit', patch: { pks: { lbSize: 'small', networkProfile: undefined } } },
    );
    expect(state.answers.pks).toEqual({ lbSize: 'small' });
  });

  it('keeps per-field errors until the field changes or the step is answered', () => {
    const rejected = run(initialWizardState(), {
      type: 'reject',
      errors: { 'pks.cluster': 'bad', 'pks.externalHostname': 'worse' },
    });
    const cleared = run(rejected, { type: 'clear-error', field: 'pks.cluster' });
    expect(cleared.errors).toEqual({ 'pks.externalHostname': 'worse' });
    expect(run(cleared, { type: 'clear-error', field: 'pks.cluster' })).toBe(cleared);
    expect(run(cleared, { type: 'submit' }).errors).toEqual({});
  });

  it('goes back one prompt, but never back to the login gate', () => {
    const atCluster = { ...initialWizardState(), step: 'cluster' as const };
    expect(run(atCluster, { type: 'back' }).step).toBe('loadBalancer');
    const atPlan = { ...initialWizardState(), step: 'plan' as const };
    expect(run(atPlan, { type: 'back' })).toBe(atPlan);
    expect(canGoBack(atPlan)).toBe(false);
    expect(canGoBack(atCluster)).toBe(true);
  });

  it('returns to the review after an edit, whether answered or abandoned', () => {
    const review = initialWizardState({ startAt: 'review' });
    const editing = run(review, { type: 'edit', step: 'rancherHostname' });
    expect(editing).toMatchObject({ step: 'rancherHostname', editingFromReview: true });
    const answered = run(editing, {
      type: 'submit',
      patch: { rancher: { hostname: 'r.example.com' } },
    });
    expect(answered).toMatchObject({
      step: 'review',
      editingFromReview: false,
      lastEdited: 'rancherHostname',
    });
    expect(answered.answers.rancher?.hostname).toBe('r.example.com');
    expect(run(editing, { type: 'back' })).toMatchObject({
      step: 'review',
      editingFromReview: false,
    });
  });

  it('has nowhere to go back to from the review (Esc leaves the wizard there)', () => {
    expect(canGoBack(initialWizardState({ startAt: 'review' }))).toBe(false);
  });
});
