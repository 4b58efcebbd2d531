/** Real-questions evaluation: questions over real files, answered end to end through `ask`. */
export type { AnswerOutcome, Conversation, ConversationOutcome, ConversationTurn, GoldLocation, RealQuestion, RealQuestionsDataset, RealQuestionsRun, ScoredAnswer } from './real-questions-types.ts';
export { isRealQuestionsDataset, loadRealQuestions } from './load-real-questions.ts';
export { goldProblems, scoreAnswer, type DocumentIds } from './score-real-answer.ts';
export { goldLocations, runRealQuestions, type RealQuestionsDeps } from './run-real-questions.ts';
export { formatRealQuestionsRuns } from './format-real-questions.ts';
