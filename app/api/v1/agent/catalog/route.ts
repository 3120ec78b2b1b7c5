import { z } from "zod";
import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { actionIds, catalog } from "@/lib/agent/shared";

export const dynamic = "force-dynamic";

/** The action catalog: the only things the agent can ever do. */
export const GET = callerRoute("incident:read", async () =>
  json({
    items: actionIds.map((id) => {
      const a = catalog[id];
      return {
        id,
        label: a.label,
        description: a.description,
        targets: a.targets,
        global: !!a.global,
        base_risk: a.baseRisk,
        reversible: a.reversible,
        undo: a.undo === "self" ? id : (a.undo ?? null),
        aliases: a.aliases,
        world_action: a.worldAction,
        parameters: z.toJSONSchema(a.params, { io: "input" }),
      };
    }),
  }),
);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
