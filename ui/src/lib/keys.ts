/** Keyboard activation for SVG shapes that act as buttons (role="button"): Enter or Space, as a real button. */
export function onActivate(handler: () => void): (event: KeyboardEvent) => void {
  return (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    handler();
  };
}
