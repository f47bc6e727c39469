import { z } from 'zod';

export const uuidParam = z.strictObject({ id: z.uuid({ message: 'must be a UUID' }) });
export const isoDateTime = z.iso.datetime({ offset: true });
