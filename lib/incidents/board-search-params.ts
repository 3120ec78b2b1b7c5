import { createLoader, createSerializer, parseAsArrayOf, parseAsBoolean, parseAsInteger, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { boardKinds, boardSorts, severityOptions } from "./board-view";

/**
 * The board's view in the URL (`/board?severity=P0,P1&team=payments&q=checkout&resolved=2`), so a
 * link shares it. Shared by the server render, the JSON route and the client's useQueryStates.
 */
export const boardSearchParams = {
  severity: parseAsArrayOf(parseAsStringLiteral(severityOptions)).withDefault([]),
  team: parseAsArrayOf(parseAsString).withDefault([]),
  service: parseAsArrayOf(parseAsString).withDefault([]),
  q: parseAsString.withDefault(""),
  /** `real`, `drills` or `all` (the default). */
  kind: parseAsStringLiteral(boardKinds).withDefault("all"),
  /** Open columns by `severity` then age (the default), or by `recency`. */
  sort: parseAsStringLiteral(boardSorts).withDefault("severity"),
  /** Page of the resolved column (1-based). */
  resolved: parseAsInteger.withDefault(1),
  /** `mine=true`: only the incidents the viewer leads. */
  mine: parseAsBoolean.withDefault(false),
};

export const loadBoardSearchParams = createLoader(boardSearchParams);
export const serializeBoardSearchParams = createSerializer(boardSearchParams);
