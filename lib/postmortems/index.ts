/** What other features, routes and pages may use of post-mortems. */
export { draftPostmortem } from "./draft";
export { postmortemPdf } from "./pdf";
export { getPostmortem, listActionItems } from "./queries";
export { addActionItem, createPostmortem, deleteActionItem, updateActionItem, updatePostmortem } from "./write";
export * from "./shared";
