import { ActivityIcon, GripVerticalIcon, ServerIcon, UsersIcon } from "lucide-react";

const icons = { server: ServerIcon, users: UsersIcon, activity: ActivityIcon, grip: GripVerticalIcon } as const;
export type CardIconName = keyof typeof icons;

/**
 * The card icons, defined once per page. Each card then references them with <use> instead of
 * repeating the full SVG, which keeps a board of hundreds of cards light to render and ship.
 */
export function CardIconSprite() {
  return (
    <svg aria-hidden width="0" height="0" className="pointer-events-none absolute size-0 overflow-hidden">
      <defs>
        {Object.entries(icons).map(([name, Icon]) => (
          <symbol key={name} id={`fd-card-icon-${name}`} viewBox="0 0 24 24">
            <Icon />
          </symbol>
        ))}
      </defs>
    </svg>
  );
}

export function CardIcon({ name, className }: { name: CardIconName; className?: string }) {
  return (
    <svg aria-hidden className={className}>
      <use href={`#fd-card-icon-${name}`} />
    </svg>
  );
}
