import { attachmentCap, validateAnswers, validateAttachment } from './form';
import { budsjettField, temaField } from './grants.fixtures';
import { MAX_GRANT_ATTACHMENT_BYTES, type FormField } from './grants.schemas';

const form: FormField[] = [
  { key: 'beskrivelse', label: 'Beskrivelse', type: 'text', required: true, maxLength: 10 },
  { key: 'kommuner', label: 'Kommuner', type: 'number', required: false, min: 1, max: 48 },
  temaField,
  budsjettField,
  { key: 'vedlegg', label: 'Vedlegg', type: 'attachment', required: false },
];

describe('answers against the form', () => {
  it('checks a draft only for what it holds', () => {
    expect(validateAnswers(form, { beskrivelse: 'Kort' }, false)).toEqual([]);
  });

  it('demands every required field of a complete application', () => {
    expect(validateAnswers(form, { beskrivelse: '' }, true)).toEqual([
      { field: 'answers.beskrivelse', message: '«Beskrivelse» is required' },
      { field: 'answers.tema', message: '«Tema» is required' },
    ]);
  });

  it('names the field and what is wrong with its answer', () => {
    const answers = { beskrivelse: 'For lang tekst', kommuner: 49, tema: 'Annet', budsjett: 'fil.pdf', ukjent: 1 };
    expect(validateAnswers(form, answers, false)).toEqual([
      { field: 'answers.ukjent', message: 'is not a field of this form' },
      { field: 'answers.beskrivelse', message: 'must be at most 10 characters' },
      { field: 'answers.kommuner', message: 'must be at most 48' },
      { field: 'answers.tema', message: 'must be one of: Rekruttering, Samhandling' },
      {
        field: 'answers.budsjett',
        message: 'is an attachment: upload it to /grant-applications/{id}/attachments/{key}',
      },
    ]);
    expect(validateAnswers(form, { beskrivelse: 3, kommuner: 'tre' }, false).map((e) => e.message)).toEqual([
      'must be text',
      'must be a number',
    ]);
  });
});

describe('an upload against its field', () => {
  it('caps at the field’s own size, or the largest any field takes', () => {
    expect(attachmentCap(form, 'budsjett')).toBe(2000);
    expect(attachmentCap(form, 'vedlegg')).toBe(MAX_GRANT_ATTACHMENT_BYTES);
    expect(attachmentCap(form, 'beskrivelse')).toBe(MAX_GRANT_ATTACHMENT_BYTES);
  });

  it('refuses another field, another type, an oversized or empty file', () => {
    expect(validateAttachment(form, 'budsjett', { contentType: 'application/pdf', size: 10 })).toEqual([]);
    expect(validateAttachment(form, 'nei', { contentType: 'application/pdf', size: 10 })).toEqual([
      { field: 'key', message: '"nei" is not a field of this form' },
    ]);
    expect(validateAttachment(form, 'tema', { contentType: 'application/pdf', size: 10 })).toEqual([
      { field: 'key', message: '«Tema» is not an attachment field' },
    ]);
    expect(validateAttachment(form, 'budsjett', { contentType: 'text/plain', size: 3000 })).toEqual([
      { field: 'file', message: 'type text/plain is not allowed; allowed: application/pdf' },
      { field: 'file', message: 'is 3000 bytes; the cap is 2000 bytes' },
    ]);
    expect(validateAttachment(form, 'vedlegg', { contentType: 'image/png', size: 0 })).toEqual([
      { field: 'file', message: 'is empty' },
    ]);
  });
});
