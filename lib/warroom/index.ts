/** What other features, routes and pages may use of the war room. */
export { postMessage, toggleReaction } from "./chat";
export { composeConversation } from "./compose";
export { exportConversation } from "./export";
export { mappingFor, serviceMappings, workspaceTopology, type ServiceMapping } from "./mapping";
export { personas, type Persona } from "./personas";
export { conversationFor, dueItems, playConversation, type PlayState } from "./playback";
export { loadWarRoom, mentionablesFor } from "./queries";
export * from "./shared";
