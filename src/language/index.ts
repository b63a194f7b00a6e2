export { parseReply } from './parse-reply.js';
export type { ChoiceAnswer, ReplyAnswer, ReplyKind, YesNoAnswer } from './parse-reply.js';
export { parsePosting } from './parse-posting.js';
export type { PostedItem, PostingResult, Unit } from './parse-posting.js';
export { parseDecision } from './parse-decision.js';
export type { Decision } from './parse-decision.js';
export { parseBuyerText } from './parse-buyer-text.js';
export type { BuyerRequest } from './parse-buyer-text.js';
