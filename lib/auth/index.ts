/** What other features, routes and pages may use of auth. */
export { API_KEY_PREFIX, createApiKey, insertApiKey, listApiKeys, redactApiKeys, revokeApiKey } from "./api-keys";
export { getAuthOptions, githubEnabled } from "./auth-options";
export { SERVER_PID_FILE } from "./bootstrap";
export { actionCaller, assertCronCaller, type Caller, currentCaller, pageCaller, presentedApiKey, requestCaller, sessionUser, sessionWorkspaces, stillAllowed, type WorkspaceRef } from "./caller";
export { DEMO_SLUG, demoEnabled } from "./demo-policy";
export { newGuestIdentity } from "./guest";
export { assertCan, can, type Permission } from "./permissions";
export { clientIp, guestCookie, readCredentials, requestCookies, WORKSPACE_COOKIE, WORKSPACE_COOKIE_MAX_AGE } from "./session";
export { createUser, findUserByEmail, type PublicUser, setPassword } from "./users";
export * from "./shared";
