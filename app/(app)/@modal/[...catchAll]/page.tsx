/**
 * Closes the incident dialog on a client-side navigation to any other page: without a match, a
 * parallel slot keeps showing what it showed before.
 */
export default function ModalCatchAll() {
  return null;
}
