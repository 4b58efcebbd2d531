/**
 * Runs a real-questions dataset through an answerer (`ask`, the production path): every single
 * question without history, then every conversation turn by turn with the earlier turns (the
 * questions and the answers given) as history, exactly as a chat client sends them.
 */
import type { ChatMessage } from '../../ports/llm.ts';
import type { AnswerOutcome, ConversationOutcome, GoldLocation, RealQuestionsDataset, RealQuestionsRun, ScoredAnswer } from './real-questions-types.ts';
import { scoreAnswer, type DocumentIds } from './score-real-answer.ts';

export interface RealQuestionsDeps {
  ask(question: string, history: ChatMessage[]): Promise<ScoredAnswer>;
  ids: DocumentIds;
  onProgress?(done: number, total: number): void;
}

/** Every gold location of the dataset, labelled with where it comes from. */
export function goldLocations(dataset: RealQuestionsDataset): Array<GoldLocation & { where: string }> {
  return [
    ...dataset.questions.flatMap((q) => q.gold.map((g) => ({ ...g, where: `question ${q.id}` }))),
    ...dataset.conversations.flatMap((c) => c.turns.flatMap((t, i) => t.gold.map((g) => ({ ...g, where: `conversation ${c.id} turn ${i + 1}` })))),
  ];
}

const share = (items: readonly boolean[]): number => (items.length === 0 ? 0 : items.filter(Boolean).length / items.length);

export async function runRealQuestions(dataset: RealQuestionsDataset, answerer: string, deps: RealQuestionsDeps): Promise<RealQuestionsRun> {
  const total = dataset.questions.length + dataset.conversations.reduce((n, c) => n + c.turns.length, 0);
  let done = 0;
  const tick = () => deps.onProgress?.(++done, total);
  const questions: AnswerOutcome[] = [];
  for (const question of dataset.questions) {
    questions.push(scoreAnswer(question, await deps.ask(question.question, []), deps.ids));
    tick();
  }
  const conversations: ConversationOutcome[] = [];
  for (const conversation of dataset.conversations) {
    const history: ChatMessage[] = [];
    const turns: AnswerOutcome[] = [];
    for (const [index, turn] of conversation.turns.entries()) {
      const answer = await deps.ask(turn.question, [...history]);
      turns.push(scoreAnswer({ id: `${conversation.id}.${index + 1}`, question: turn.question, gold: turn.gold }, answer, deps.ids));
      history.push({ role: 'user', content: turn.question }, { role: 'assistant', content: answer.answer });
      tick();
    }
    conversations.push({ id: conversation.id, turns });
  }
  const answerable = questions.filter((q) => q.answerable);
  const unanswerable = questions.filter((q) => !q.answerable);
  const positions = Math.max(0, ...dataset.conversations.map((c) => c.turns.length));
  const switches = dataset.conversations.flatMap((c, ci) => c.turns.flatMap((t, ti) => (t.switch ? [conversations[ci]?.turns[ti]] : [])))
    .filter((o): o is AnswerOutcome => o !== undefined);
  return {
    answerer,
    metrics: {
      answerable: answerable.length,
      firstCitationHit: share(answerable.map((q) => q.firstHit)),
      top3CitationHit: share(answerable.map((q) => q.top3Hit)),
      unanswerable: unanswerable.length,
      unanswerableRefused: share(unanswerable.map((q) => q.refused)),
      turnTop3Hit: Array.from({ length: positions }, (_, p) => share(conversations.flatMap((c) => (c.turns[p] ? [c.turns[p].top3Hit] : [])))),
      switchAnsweredFromNewTopic: share(switches.map((o) => o.firstOnTopic && o.top3Hit)),
      switchCitedNewTopic: share(switches.map((o) => o.firstOnTopic)),
    },
    questions, conversations,
  };
}
