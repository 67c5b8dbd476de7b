/** Forms made from the model's schemas: their fields, the record a form stands for, errors by field. */
import { describe, expect, it } from 'vitest';
import { changesOf, checkNode, errorsByField, formValuesOf, nodeFields, recordOf, relationshipFields } from '../../ui/src/lib/forms.js';

describe('forms from the model', () => {
  it('list the fields of a kind with the right inputs; the id only for a new node', () => {
    const fields = nodeFields('organisation', true);
    expect(fields.map((f) => `${f.name}:${f.input}${f.required ? '!' : ''}`)).toEqual([
      'id:text!',
      'name:text!',
      'aliases:list',
      'description:textarea',
      'orgKind:select!',
      'acronym:text',
      'country:text',
      'website:text',
    ]);
    expect(fields.find((f) => f.name === 'orgKind')!.options).toContain('cso');
    expect(nodeFields('organisation', false).map((f) => f.name)).not.toContain('id');
    expect(nodeFields('person', false).find((f) => f.name === 'public')).toMatchObject({ input: 'checkbox', required: false });
    expect(relationshipFields().map((f) => f.name)).toEqual(['quote', 'confidence', 'from_date', 'to_date', 'role', 'amount', 'currency', 'note']);
  });

  it('turn a stored record into form values and back, and find what changed', () => {
    const fields = nodeFields('person', false);
    const stored = { id: 'p', kind: 'person', name: 'Sok Dara', aliases: ['Dara', 'Mr. Dara'], public: false, version: 3 };
    const values = formValuesOf(stored, fields);
    expect(values).toMatchObject({ name: 'Sok Dara', aliases: 'Dara | Mr. Dara', public: false, description: '' });
    const edited = recordOf({ ...values, description: '  Data journalist ', aliases: 'Dara|  ' }, fields);
    expect(edited).toEqual({ name: 'Sok Dara', aliases: ['Dara'], description: 'Data journalist', public: false });
    expect(changesOf(stored, edited, fields)).toEqual({ aliases: ['Dara'], description: 'Data journalist' });
    expect(changesOf({ ...stored, honorific: 'Mr.' }, edited, fields)).toMatchObject({ honorific: null });
  });

  it('name the field of each error, whether zod or the API found it', () => {
    expect(checkNode('organisation', { id: 'Bad Id', name: '', sources: ['x'] })).toMatchObject({
      id: expect.stringContaining('slug'),
      name: expect.any(String),
      orgKind: expect.any(String),
    });
    expect(
      errorsByField([
        { field: 'body.changes.website', message: 'Invalid URL' },
        { field: 'body.sources', message: 'cite' },
        { field: 'body', message: 'x' },
      ]),
    ).toEqual({
      website: 'Invalid URL',
      sources: 'cite',
      form: 'x',
    });
  });
});
