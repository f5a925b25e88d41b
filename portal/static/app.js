// Progressive enhancement only: every page works without JavaScript.
import { initAll } from "./dist/govuk-frontend.min.js";

initAll();

// Staff time-out warning: shown before the idle time-out, so nothing typed is
// lost. "Stay signed in" keeps the server-side session alive.
function timeoutWarning(dialog) {
  const idle = Number(dialog.dataset.idleSeconds) * 1000;
  const warning = Number(dialog.dataset.warningSeconds) * 1000;
  let timer;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => dialog.showModal(), Math.max(idle - warning, 1000));
  };
  dialog.querySelector("[data-keep-alive]").addEventListener("click", async () => {
    const response = await fetch(dialog.dataset.keepAliveUrl, {
      method: "POST",
      headers: { "X-CSRFToken": dialog.dataset.csrfToken },
      credentials: "same-origin",
    });
    dialog.close();
    if (response.ok) schedule();
  });
  schedule();
}

document.querySelectorAll('[data-module="app-timeout-warning"]').forEach(timeoutWarning);
