/** No dialog unless a route (an incident opened from the board) fills the slot. */
export default function ModalDefault() {
  return null;
}
