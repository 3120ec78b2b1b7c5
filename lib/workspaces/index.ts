/** What other features, routes and pages may use of workspaces. */
export { createWorkspace } from "./create-workspace";
export { DEMO_RESET_JOB, demoResetIntervalMs, resetDemoWorkspace, runScheduledDemoReset } from "./demo";
export { acceptInvite, createInvite, listPendingInvites, lookupInvite, revokeInvite } from "./invites";
export { addMember, changeMemberRole, listMembers, removeMember } from "./members";
export { getDemoWorkspace, getMembership, getWorkspaceById, getWorkspaceBySlug, insertWorkspace, listAuditActions, listAuditEntries, listMembersOf, listUserWorkspaces, type UserWorkspace } from "./queries";
export * from "./shared";
export { readWorkspaceSettings, writeWorkspaceSetting } from "./settings";
