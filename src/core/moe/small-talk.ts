/**
 * Small talk that needs no documents ("hi", "thanks!", "how are you?", "bye"). The rule is
 * deliberately narrow so that it never blocks a real question: a message is small talk only when
 * it has at most 8 words, contains no digit, and EVERY word is in the small-talk vocabulary below.
 * One word outside it ("hi, what is BM25?", "thanks — and the 2019 revenue?") means: retrieve.
 */

const GREETING = ['hi', 'hello', 'hey', 'hiya', 'howdy', 'yo', 'greetings', 'morning', 'afternoon', 'evening', 'good', 'day'];
const THANKS = ['thanks', 'thank', 'thx', 'ty', 'cheers', 'appreciate', 'it', 'much', 'very', 'so', 'a', 'lot', 'great', 'perfect', 'awesome', 'nice', 'cool'];
const FAREWELL = ['bye', 'goodbye', 'goodnight', 'night', 'see', 'later', 'soon', 'take', 'care', 'ciao'];
const ACK = ['ok', 'okay', 'k', 'sure', 'yes', 'yeah', 'yep', 'no', 'nope', 'alright', 'got', 'understood', 'lol', 'haha', 'please'];
const HOW_ARE_YOU = ['how', 'are', 'you', 'u', 'doing', 'is', 'going', "what's", 'whats', 'up', 'sup', 'there', 'all', 'everyone', 'again', 'the', 'and', 'propo', 'bot', 'assistant'];

const VOCABULARY = new Set([...GREETING, ...THANKS, ...FAREWELL, ...ACK, ...HOW_ARE_YOU]);

/** Words of a message, lowercased, punctuation and emoji dropped (apostrophes kept). */
function words(message: string): string[] {
  return message.toLowerCase().replace(/[’‘]/gu, "'").match(/[\p{L}\p{N}']+/gu) ?? [];
}

/** True when `message` is small talk by the rule above (an empty message is not). */
export function isSmallTalk(message: string): boolean {
  if (/\d/u.test(message)) return false;
  const list = words(message);
  return list.length > 0 && list.length <= 8 && list.every((w) => VOCABULARY.has(w));
}

/** A polite reply to small talk that points back to the documents. */
export function smallTalkReply(message: string): string {
  const list = words(message);
  if (list.some((w) => ['thanks', 'thank', 'thx', 'ty', 'cheers', 'appreciate'].includes(w))) return "You're welcome! Ask me anything about your documents.";
  if (list.some((w) => ['bye', 'goodbye', 'goodnight', 'later', 'ciao'].includes(w))) return 'Goodbye! Your documents will be here when you come back.';
  return 'Hello! Ask me a question about your documents and I will answer with citations.';
}
