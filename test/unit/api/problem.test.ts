// RFC 9457 problem bodies: `status` is always the HTTP status; extras never overwrite a standard member.
import { HttpProblem, RESERVED_PROBLEM_MEMBERS, conflict } from '../../../api/http/problem.js';

describe('problem details', () => {
  it('keeps the standard members and adds extras beside them', () => {
    const body = conflict('template_status_conflict', 'Active template: not allowed', { templateStatus: 'Active' }).toBody('/x');
    expect(body).toMatchObject({ status: 409, code: 'template_status_conflict', title: 'Conflict', instance: '/x', templateStatus: 'Active' });
  });

  it.each([...RESERVED_PROBLEM_MEMBERS])('refuses an extra named %s (it would overwrite a standard member)', (member) => {
    expect(() => new HttpProblem(409, 'x', 'y', { extras: { [member]: 'In progress' } })).toThrow(/may not overwrite standard members/);
  });
});
