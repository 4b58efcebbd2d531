/**
 * Types of a real-questions dataset (questions over real files, gold substrings copied from the
 * page texts Propo stores) and of one end-to-end run of it through ingestion and `ask`.
 */

/** Where an answer is: `document` (path relative to the documents root), 1-based page, a substring of that page's text. */
export interface GoldLocation { document: string; page: number; gold: string }

/** A question the documents answer (`gold` given) or cannot answer (`gold` absent). */
export interface RealQuestion {
  id: string;
  question: string;
  /** number | definition | method | list | comparison | fact | unanswerable */
  kind: string;
  /** Where the answer is; several when the documents state it in more than one place. Empty = unanswerable. */
  gold: GoldLocation[];
}

/** One turn of a conversation; `switch` marks the turn that changes to another topic. */
export interface ConversationTurn { question: string; gold: GoldLocation[]; switch: boolean }

export interface Conversation { id: string; turns: ConversationTurn[] }

export interface RealQuestionsDataset {
  name: string;
  dir: string;
  /** Absolute folder the document paths are relative to. */
  documentsRoot: string;
  /** Document paths relative to `documentsRoot`: everything that is ingested (the searched collection). */
  documents: string[];
  questions: RealQuestion[];
  conversations: Conversation[];
}

/** The part of an answer the scorer reads (a subset of `AnswerResult`). */
export interface ScoredAnswer {
  answer: string;
  mode: 'llm' | 'extractive' | 'no-match';
  searchedQuestion: string;
  citations: Array<{ documentId: string; page: number; text: string; file: string }>;
}

/** How one answer scored. */
export interface AnswerOutcome {
  id: string;
  question: string;
  searchedQuestion: string;
  mode: ScoredAnswer['mode'];
  answerable: boolean;
  /** First citation holds a gold substring on its gold page (answerable only). */
  firstHit: boolean;
  /** One of the first three citations does. */
  top3Hit: boolean;
  /** Unanswerable and answered "No strong match found.". */
  refused: boolean;
  /** The first citation's document is a gold document (the topic, for a switch turn). */
  firstOnTopic: boolean;
  /** `file:page` of the first three citations. */
  cited: string[];
}

export interface ConversationOutcome { id: string; turns: AnswerOutcome[] }

/** One answerer's results over the whole dataset. */
export interface RealQuestionsRun {
  answerer: string;
  metrics: {
    answerable: number;
    firstCitationHit: number;
    top3CitationHit: number;
    unanswerable: number;
    unanswerableRefused: number;
    /** Per turn position (1, 2, 3): share of turns with a top-3 hit. */
    turnTop3Hit: number[];
    /** Share of switch turns whose first citation is on the new topic and that hit in the top 3. */
    switchAnsweredFromNewTopic: number;
    /** Share of switch turns whose first citation is in the new topic's document (hit or not). */
    switchCitedNewTopic: number;
  };
  questions: AnswerOutcome[];
  conversations: ConversationOutcome[];
}
