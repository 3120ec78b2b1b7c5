/** What other features, routes and pages may use of seed. */
export { DEFAULT_WORKSPACE, DEMO_WORKSPACE, ensureSeeded, resetWorkspaceToSeed } from "./workspaces";
