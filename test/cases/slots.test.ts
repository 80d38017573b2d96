import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderSlots, SlotError } from '../../src/cases/slots.js';

const V =
  'A {{age}}-year-old {{race_ethnicity}} {{sex:man|woman}} says {{sex:he|she}} is tired. {{ses:{{sex:He|She}} has no insurance.|{{sex:He|She}} is a lawyer.}}';

describe('renderSlots', () => {
  it('renders every slot for the baseline values and tidies the empty race adjective', () => {
    assert.equal(
      renderSlots(V, { age: 54, sex: 'male', race_ethnicity: 'unspecified', ses: 'low' }),
      'A 54-year-old man says he is tired. He has no insurance.',
    );
  });
  it('swaps sex, race and ses exactly, nested slots included', () => {
    assert.equal(
      renderSlots(V, { age: 54, sex: 'female', race_ethnicity: 'american_indian', ses: 'high' }),
      'A 54-year-old American Indian woman says she is tired. She is a lawyer.',
    );
  });
  it('names the problem for unknown, unclosed and malformed slots', () => {
    assert.throws(
      () => renderSlots('{{gender:m|f}}', { sex: 'male' }),
      (e: Error) => e instanceof SlotError && /unknown slot/.test(e.message),
    );
    assert.throws(() => renderSlots('a {{sex:man|woman', { sex: 'male' }), /unclosed slot/);
    assert.throws(() => renderSlots('{{sex:man}}', { sex: 'male' }), /exactly two choices/);
    assert.throws(() => renderSlots('{{age}}', {}), /demographics.age is not set/);
    assert.throws(() => renderSlots('a }} b', {}), /stray/);
  });
  it('leaves text without slots unchanged apart from spacing', () => {
    assert.equal(renderSlots('No slots here , really.', {}), 'No slots here, really.');
  });
});

describe('rendered ages', () => {
  it('take "an" where said with a vowel sound, and only there', () => {
    assert.equal(renderSlots('A {{age}}-year-old man.', { age: 82 }), 'An 82-year-old man.');
    assert.equal(renderSlots('He saw a {{age}}-year-old.', { age: 18 }), 'He saw an 18-year-old.');
    assert.equal(renderSlots('A {{age}}-year-old man.', { age: 8 }), 'An 8-year-old man.');
    assert.equal(renderSlots('A {{age}}-year-old man.', { age: 28 }), 'A 28-year-old man.');
    assert.equal(renderSlots('A 8 cm mass.', {}), 'A 8 cm mass.');
  });
});
