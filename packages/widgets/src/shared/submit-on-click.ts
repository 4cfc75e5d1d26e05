// Sends a widget's forms from their submit buttons' clicks. A sandboxed iframe without
// `allow-forms` (a CMS's "safe" embed) drops form submission, requestSubmit() included, before the
// `submit` event fires: the native path alone would leave a citizen there unable to answer. The
// click (which Enter in a field also fires, on the form's default button) is cancelled, so the
// form never submits natively, and a `submit` event goes to the form instead: the widget's own
// submit listener runs once, as it would have. The native <form> and button stay for assistive
// technologies.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment };

export class SubmitOnClick implements ReactiveController {
  readonly #host: Host;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.renderRoot.addEventListener('click', this.#onClick);
  }

  hostDisconnected(): void {
    this.#host.renderRoot.removeEventListener('click', this.#onClick);
  }

  readonly #onClick = (event: Event): void => {
    if (event.defaultPrevented || !(event.target instanceof Element)) return;
    const button = event.target.closest('button');
    const form = button?.form;
    if (!button || button.type !== 'submit' || !form) return;
    event.preventDefault();
    form.dispatchEvent(
      new SubmitEvent('submit', { bubbles: true, cancelable: true, submitter: button }),
    );
  };
}
