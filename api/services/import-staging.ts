// Streams an uploaded CSV into lead_import_row in batches: the file is never held in memory.
import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { MikroORM } from '@mikro-orm/postgresql';
import { LeadImport, LeadImportRow } from '../../db/entities/index.js';
import { unknownColumns } from '../../rules/csv-row.js';
import { HttpProblem } from '../http/problem.js';

const BATCH = 500;

export interface StagingResult {
  totalRows: number;
}

export async function stageCsv(orm: MikroORM, importId: string, body: Readable, maxRows: number): Promise<StagingResult> {
  const parser = body.pipe(
    parse({ columns: (header: string[]) => checkHeader(header), bom: true, skip_empty_lines: true, trim: false, info: true, relax_column_count: false }),
  );
  let batch: { importId: string; line: number; data: Record<string, string> }[] = [];
  let total = 0;
  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    batch = [];
    await orm.em.fork().insertMany(LeadImportRow, rows.map((r) => ({ ...r, status: 'Pending' })));
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      total++;
      if (total > maxRows) throw new HttpProblem(413, 'too_many_rows', `An import may hold at most ${maxRows} rows`);
      batch.push({ importId, line: info.lines, data: record });
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  } catch (err) {
    body.resume(); // drain the rest of the upload
    await orm.em.fork().nativeDelete(LeadImportRow, { importId });
    if (err instanceof HttpProblem) throw err;
    // csv-parse's codes are mostly CSV_*, but not all (INVALID_OPENING_QUOTE): go by the class.
    if (err instanceof CsvError) {
      const e = err as CsvError & { lines?: number };
      throw new HttpProblem(400, 'malformed_csv', `CSV error${e.lines ? ` at line ${e.lines}` : ''}: ${e.message ?? e.code}`, {
        errors: [{ field: 'body', path: ['body'], message: e.message ?? e.code, code: e.code }],
      });
    }
    throw err;
  }
  if (total === 0) {
    throw new HttpProblem(422, 'empty_import', 'The CSV has a header but no rows', { errors: [{ field: 'body', path: ['body'], message: 'no rows', code: 'empty' }] });
  }
  await orm.em.fork().nativeUpdate(LeadImport, { id: importId }, { totalRows: total });
  return { totalRows: total };
}

function checkHeader(header: string[]): string[] {
  const trimmed = header.map((h) => h.trim());
  const unknown = unknownColumns(trimmed);
  const duplicates = trimmed.filter((h, i) => trimmed.indexOf(h) !== i);
  if (unknown.length || duplicates.length) {
    throw new HttpProblem(422, 'invalid_csv_header', `Unknown or repeated columns: ${[...unknown, ...duplicates].join(', ')}`, {
      errors: [
        ...unknown.map((c) => ({ field: `header.${c}`, path: ['header', c], message: 'unknown column (use capture attribute names or custom.<key>)', code: 'unknown_column' })),
        ...duplicates.map((c) => ({ field: `header.${c}`, path: ['header', c], message: 'repeated column', code: 'duplicate_column' })),
      ],
    });
  }
  return trimmed;
}
