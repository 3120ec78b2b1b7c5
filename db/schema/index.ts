export * from "./workspaces";
export * from "./incidents";
export * from "./audit";
export * from "./api-keys";
export * from "./realtime";
export * from "./auth";
export * from "./intake";
export * from "./simulation";
