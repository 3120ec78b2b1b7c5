/** The part of diagnosis that also runs in the browser (no database, no server-only code). */
export { type Diagnosis, type DiagnosisMeta, diagnosisMetaSchema, diagnosisSchema, type Evidence, type Hypothesis, type RecommendedAction } from "./schema";
