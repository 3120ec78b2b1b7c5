"use client";

import { PrinterIcon } from "lucide-react";
import { Button } from "@/components/ui/button";

/** Prints the page as a report (the print stylesheet hides the navigation, filters and buttons). */
export function PrintButton() {
  return (
    <Button variant="outline" size="sm" onClick={() => window.print()} data-testid="analytics-print">
      <PrinterIcon className="size-4" aria-hidden />
      Print report
    </Button>
  );
}
