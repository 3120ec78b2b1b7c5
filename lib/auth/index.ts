/** What other features, routes and pages may use of auth. */
export { API_KEY_PREFIX, authenticateApiKey, createApiKey, insertApiKey, listApiKeys, redactApiKeys, revokeApiKey } from "./api-keys";
export { SERVER_PID_FILE } from "./bootstrap";
export { consumeDemoWrite, DEMO_SLUG, demoEnabled, guestActor, guestMayEnter, mayBeCurrentWorkspace, workspaceOpen } from "./demo-policy";
export { verifiedGithubEmail } from "./github-email";
export { clientIp } from "./client-ip";
export { GUEST_COOKIE, GUEST_COOKIE_MAX_AGE, newGuestIdentity, signGuest, verifyGuest, type GuestIdentity } from "./guest";
export { authSecret } from "./secret";
export { assertCan, can, type Permission } from "./permissions";
export { createUser, findUserByEmail, getUserById, type PublicUser, setPassword, SIGN_IN_LIMIT, SIGN_IN_WINDOW_MS, upsertOAuthUser, verifyCredentials } from "./users";
export * from "./shared";
