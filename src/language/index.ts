export { parseReply } from './parse-reply.js';
export type { ChoiceAnswer, ReplyAnswer, ReplyKind, YesNoAnswer } from './parse-reply.js';
export { parsePosting } from './parse-posting.js';
export type { PostedItem, PostingResult, Unit } from './parse-posting.js';
