"use server";

import { updateGeneratorSettings } from "@/lib/generator";
import type { GeneratorSettingsInput } from "@/lib/generator/shared";
import { workspaceAction } from "@/lib/actions/define";

/** Switches the incident generator on or off, or changes its interval, templates and auto-diagnosis. */
export const updateGeneratorAction = workspaceAction("generator.update", ({ db, actor }, input: GeneratorSettingsInput) => updateGeneratorSettings(db, actor, input));
