/**
 * The on-call engineers a generated drill conversation is played by: name, style, how fast they
 * answer, seniority, what they tend to do and say.
 */
export type Persona = {
  name: string;
  style: string;
  response_time: "very_fast" | "fast" | "medium" | "slow";
  seniority: "junior" | "mid" | "senior" | "staff";
  characteristics: string[];
  common_phrases: string[];
  emoji_use: "none" | "light" | "heavy";
};

export const personas: Record<string, Persona> = {
  alice: {
    name: "Alice Chen",
    style: "analytical",
    response_time: "fast",
    seniority: "senior",
    characteristics: ["checks metrics first", "asks clarifying questions"],
    common_phrases: ["Looking at the dashboards", "What changed recently?", "Let me pull the numbers"],
    emoji_use: "light",
  },
  bob: {
    name: "Bob Smith",
    style: "pragmatic",
    response_time: "medium",
    seniority: "mid",
    characteristics: ["suggests quick fixes", "references past incidents"],
    common_phrases: ["Similar to last week's issue", "Quickest fix is", "Let's just"],
    emoji_use: "none",
  },
  charlie: {
    name: "Charlie Park",
    style: "methodical",
    response_time: "medium",
    seniority: "mid",
    characteristics: ["reads the logs", "writes things down"],
    common_phrases: ["Checking the logs", "Noting this in the doc", "Hmm"],
    emoji_use: "light",
  },
  dave: {
    name: "Dave Okafor",
    style: "decisive",
    response_time: "very_fast",
    seniority: "staff",
    characteristics: ["takes command", "escalates early"],
    common_phrases: ["On it.", "I'll take IC", "Let's not guess"],
    emoji_use: "none",
  },
  emma: {
    name: "Emma Lindqvist",
    style: "curious",
    response_time: "fast",
    seniority: "senior",
    characteristics: ["owns the feature flags", "double-checks before acting"],
    common_phrases: ["Not seeing any issues on our end", "Let me check", "Oh"],
    emoji_use: "heavy",
  },
  frank: {
    name: "Frank Moreau",
    style: "cautious",
    response_time: "slow",
    seniority: "junior",
    characteristics: ["asks before touching production", "shares graphs"],
    common_phrases: ["Should I", "Not sure but", "Screenshot of the graph"],
    emoji_use: "light",
  },
};

/** Seconds before a persona answers, by response time. */
export const responseSeconds: Record<Persona["response_time"], [number, number]> = {
  very_fast: [3, 6],
  fast: [5, 12],
  medium: [10, 25],
  slow: [20, 45],
};
