export { parseReply } from './parse-reply.js';
export type { ChoiceAnswer, ReplyAnswer, ReplyKind, YesNoAnswer } from './parse-reply.js';
