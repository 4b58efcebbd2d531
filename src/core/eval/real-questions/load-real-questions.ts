/**
 * Loads a real-questions dataset folder: `dataset.json` (`documentsRoot` relative to the folder,
 * `documents` relative to that root), `questions.jsonl` and `conversations.jsonl`. A question
 * line is `{id, kind, question, document?, page?, gold?, also?: [{document?, page, gold}]}`
 * (no `gold` = unanswerable); a conversation line is `{id, turns: [{question, document, page,
 * gold, also?, switch?}]}`. Every problem is reported at once with its file and line.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { PropoError } from '../../errors/index.ts';
import type { Conversation, GoldLocation, RealQuestion, RealQuestionsDataset } from './real-questions-types.ts';

type Json = Record<string, unknown>;

/** True when `dir` is a real-questions dataset (it has `dataset.json` and `questions.jsonl`). */
export function isRealQuestionsDataset(dir: string): boolean {
  return existsSync(join(dir, 'dataset.json')) && existsSync(join(dir, 'questions.jsonl'));
}

async function readLines(file: string, problems: string[]): Promise<Array<{ line: number; value: Json }>> {
  if (!existsSync(file)) return [];
  const lines = (await readFile(file, 'utf8')).split('\n');
  return lines.flatMap((text, index) => {
    if (text.trim() === '') return [];
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return [{ line: index + 1, value: value as Json }];
      problems.push(`${file}:${index + 1} is not a JSON object`);
    } catch (error) {
      problems.push(`${file}:${index + 1} is not JSON (${(error as Error).message})`);
    }
    return [];
  });
}

function locations(record: Json, where: string, problems: string[]): GoldLocation[] {
  if (record.gold === undefined) return [];
  const main = { document: record.document, page: record.page, gold: record.gold };
  const also = Array.isArray(record.also) ? (record.also as Json[]) : [];
  return [main, ...also.map((a) => ({ document: a.document ?? record.document, page: a.page, gold: a.gold }))].flatMap((l) => {
    if (typeof l.document !== 'string' || !Number.isInteger(l.page) || (l.page as number) < 1 || typeof l.gold !== 'string' || l.gold.trim() === '') {
      problems.push(`${where}: a gold location needs document (path), page (1-based) and a non-empty gold substring`);
      return [];
    }
    return [{ document: l.document, page: l.page as number, gold: l.gold }];
  });
}

export async function loadRealQuestions(dirPath: string, documentsRootOverride?: string): Promise<RealQuestionsDataset> {
  const dir = resolve(dirPath);
  if (!isRealQuestionsDataset(dir)) throw new PropoError('PROPO_ERR_NOT_FOUND', `${dir} is not a real-questions dataset. It needs dataset.json and questions.jsonl (see eval/datasets/real-questions/README.md).`);
  const problems: string[] = [];
  const meta = JSON.parse(await readFile(join(dir, 'dataset.json'), 'utf8')) as Json;
  const documents = Array.isArray(meta.documents) ? meta.documents.filter((d): d is string => typeof d === 'string') : [];
  if (documents.length === 0) problems.push(`${join(dir, 'dataset.json')}: documents must list the files to ingest`);
  const documentsRoot = resolve(documentsRootOverride ?? resolve(dir, typeof meta.documentsRoot === 'string' ? meta.documentsRoot : '.'));

  const questions: RealQuestion[] = (await readLines(join(dir, 'questions.jsonl'), problems)).map(({ line, value }) => ({
    id: String(value.id ?? `line-${line}`), question: String(value.question ?? ''), kind: String(value.kind ?? (value.gold === undefined ? 'unanswerable' : 'fact')),
    gold: locations(value, `questions.jsonl:${line}`, problems),
  }));
  const conversations: Conversation[] = (await readLines(join(dir, 'conversations.jsonl'), problems)).map(({ line, value }) => ({
    id: String(value.id ?? `line-${line}`),
    turns: (Array.isArray(value.turns) ? (value.turns as Json[]) : []).map((turn, index) => ({
      question: String(turn.question ?? ''), gold: locations(turn, `conversations.jsonl:${line} turn ${index + 1}`, problems), switch: turn.switch === true,
    })),
  }));
  const ids = new Set<string>();
  for (const q of questions) {
    if (ids.has(q.id)) problems.push(`questions.jsonl: id ${q.id} is used twice`);
    ids.add(q.id);
    if (!q.question.trim()) problems.push(`questions.jsonl: ${q.id} has no question`);
  }
  const listed = new Set(documents);
  const referenced = [...questions.flatMap((q) => q.gold), ...conversations.flatMap((c) => c.turns.flatMap((t) => t.gold))];
  for (const location of referenced) {
    if (!listed.has(location.document)) problems.push(`gold document ${location.document} is not listed in dataset.json documents`);
  }
  for (const document of documents) {
    if (!existsSync(join(documentsRoot, document))) problems.push(`${document} does not exist under ${documentsRoot}`);
  }
  if (problems.length > 0) throw new PropoError('PROPO_ERR_VALIDATION', `The real-questions dataset has problems:\n- ${[...new Set(problems)].join('\n- ')}\nFix the dataset files (or pass --documents <shared datasets folder>).`);
  return { name: basename(dir), dir, documentsRoot, documents, questions, conversations };
}
