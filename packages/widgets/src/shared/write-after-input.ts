// What a citizen types, written to the tab's storage (synchronous) at most once per short pause
// while they type in any field of the widget, and at once when the page is hidden or left or the
// element removed. A timer, not requestAnimationFrame: frames stop in a hidden tab.
// `visibilitychange` as well as `pagehide`: a phone often kills a background tab without
// `pagehide`, and being hidden is the last moment a page is sure to run (on a reload, a link
// followed and an app switch alike).
import type { ReactiveControllerHost } from 'lit';

const leaving = ['pagehide', 'visibilitychange'];

/** Runs `write` (which reads the fields' state and never throws) after the host's inputs. */
export function writeAfterInput(
  host: ReactiveControllerHost & HTMLElement,
  write: () => void,
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    write();
  };
  // Input events are composed: every field of the shadow tree reaches the host.
  host.addEventListener('input', () => (timer ??= setTimeout(flush, 300)));
  host.addController({
    hostConnected: () => leaving.forEach((type) => addEventListener(type, flush)),
    hostDisconnected: () => {
      leaving.forEach((type) => removeEventListener(type, flush));
      flush();
    },
  });
}
