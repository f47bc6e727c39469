// The seed's worked example (Oracle Fusion "Assessment Template Score Range: How It's Calculated"):
// raw scores chosen so they normalize to the seed's 100 / 80 / 53 / 27 and 60 / 50 / 100.
import { validateAssessmentTemplate, type AssessmentTemplate, type AssessmentTemplateInput } from '../../../../rules/index.js';

export const winWinInput = {
  id: 'potential-win-win',
  name: 'Potential for Win-Win',
  description: 'Lead qualification',
  ratings: [
    { name: 'Excellent', feedback: 'Engage now', color: 'green' },
    { name: 'Average', feedback: 'Keep qualifying' },
    { name: 'Poor', feedback: 'Consider retiring the lead' },
  ],
  groups: [{
    id: 'wins', name: 'Wins',
    questions: [
      {
        id: 'customer-win', text: 'What is the customer win?', weight: 20,
        responses: [
          { id: 'cost', text: 'Lower Operating Cost', score: 15, rating: 'Excellent' },
          { id: 'revenue', text: 'Higher Revenues', score: 12, rating: 'Average' },
          { id: 'other', text: 'Other', score: 8, rating: 'Average' },
          { id: 'unknown', text: "Don't Know", score: 4, rating: 'Poor' },
        ],
      },
      {
        id: 'our-win', text: 'What is our win?', weight: 80,
        responses: [
          { id: 'reference', text: 'Reference', score: 60, rating: 'Average' },
          { id: 'resale', text: 'Resale', score: 50, rating: 'Poor' },
          { id: 'partnership', text: 'Partnership', score: 100, rating: 'Excellent' },
        ],
      },
    ],
  }, {
    id: 'notes', name: 'Notes',
    questions: [{ id: 'issue', text: 'What is the greatest issue the customer is trying to solve?', weight: 0, allowFreeForm: true }],
  }],
  taskTemplates: [
    { taskTemplateId: 'engage-bdm', name: 'Engage Business Development Manager', minScore: 86, maxScore: 100 },
    { taskTemplateId: 'follow-up', name: 'Follow-up call', minScore: 40, maxScore: 90 },
  ],
} satisfies AssessmentTemplateInput;

export function template(input: unknown = winWinInput): AssessmentTemplate {
  const r = validateAssessmentTemplate(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

/** A deep copy to edit. */
export function edited(edit: (t: AssessmentTemplate) => void, from: AssessmentTemplate = template()): AssessmentTemplate {
  const copy = structuredClone(from);
  edit(copy);
  return copy;
}
