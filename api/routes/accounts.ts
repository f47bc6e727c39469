// /accounts: sales accounts: owner, account team, hierarchy, e-mail domain (admin writes; admin/manager/ops read).
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { notFound } from '../http/problem.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { uuidParam } from '../schemas/common.js';
import { accountListQuery, accountBody, accountResponse } from '../schemas/assignment.js';
import { createAccount, deleteAccount, findAccount, listAccounts, replaceAccount } from '../services/assignment/accounts.js';

const READ = ['admin', 'manager', 'ops'] as const;

export function accountRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/accounts', operationId: 'listAccounts', summary: 'List accounts (q: name prefix)', tags: ['assignment'], access: READ, query: accountListQuery,
      responses: { 200: { description: 'Accounts', schema: z.object({ accounts: z.array(accountResponse) }) } },
      handler: async ({ query }) => ({ status: 200, body: { accounts: await listAccounts(deps.orm.em.fork(), query) } }),
    }),
    defineRoute({
      method: 'post', path: '/accounts', operationId: 'createAccount', summary: 'Create an account', tags: ['assignment'], access: ['admin'], body: accountBody,
      responses: { 201: { description: 'Created', schema: accountResponse }, 409: { description: 'Name, domain or id taken' }, 422: { description: 'Unknown owner, team rep or parent' } },
      handler: async ({ body }) => {
        const account = await createAccount(deps.orm, body);
        return { status: 201, headers: { Location: `/accounts/${account.id}` }, body: account };
      },
    }),
    defineRoute({
      method: 'get', path: '/accounts/:id', operationId: 'getAccount', summary: 'An account', tags: ['assignment'], access: READ, params: uuidParam,
      responses: { 200: { description: 'The account', schema: accountResponse }, 404: { description: 'No such account' } },
      handler: async ({ params }) => {
        const account = await findAccount(deps.orm.em.fork(), params.id);
        if (!account) throw notFound('account', params.id);
        return { status: 200, body: account };
      },
    }),
    defineRoute({
      method: 'put', path: '/accounts/:id', operationId: 'replaceAccount', summary: 'Replace an account', tags: ['assignment'], access: ['admin'],
      params: uuidParam, body: accountBody,
      responses: { 200: { description: 'Updated', schema: accountResponse }, 404: { description: 'No such account' }, 409: { description: 'Name or domain taken' }, 422: { description: 'Unknown owner, team rep or parent, or a loop' } },
      handler: async ({ params, body }) => ({ status: 200, body: await replaceAccount(deps.orm, params.id, body) }),
    }),
    defineRoute({
      method: 'delete', path: '/accounts/:id', operationId: 'deleteAccount', summary: 'Delete an account without children, leads or contacts', tags: ['assignment'], access: ['admin'],
      params: uuidParam, responses: { 204: { description: 'Deleted' }, 404: { description: 'No such account' }, 409: { description: 'Still referenced' } },
      handler: async ({ params }) => {
        await deleteAccount(deps.orm, params.id);
        return { status: 204 };
      },
    }),
  ];
}
