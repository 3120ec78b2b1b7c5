import { AppError } from "@/lib/errors";

/** JSON.parse with a 400 naming the body when the text is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request:json", "The request body is not valid JSON.", { issues: [{ path: "(body)", message: "is not valid JSON" }] });
  }
}
