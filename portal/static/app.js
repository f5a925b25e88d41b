// Progressive enhancement only: every page works without JavaScript.
import { initAll } from "./dist/govuk-frontend.min.js";

initAll();

// Time-out warning, shown before an idle time-out so nothing typed is lost.
// "Stay" keeps the server's session alive. If nobody answers and the page has
// answers (data-save-form), they are saved just before the time-out.
function timeoutWarning(dialog) {
  const idle = Number(dialog.dataset.idleSeconds) * 1000;
  const warning = Number(dialog.dataset.warningSeconds) * 1000;
  const margin = Math.min(15000, warning / 4);
  let warnTimer;
  let endTimer;
  const saveOrClose = () => {
    const form = dialog.dataset.saveForm && document.getElementById(dialog.dataset.saveForm);
    if (!form) {
      window.location.reload();
      return;
    }
    const action = document.createElement("input");
    action.type = "hidden";
    action.name = "action";
    action.value = "save_and_leave";
    form.querySelectorAll('input[type="hidden"][name="action"]').forEach((old) => old.remove());
    form.appendChild(action);
    form.submit();
  };
  const schedule = () => {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(() => dialog.showModal(), Math.max(idle - warning, 1000));
    endTimer = setTimeout(saveOrClose, Math.max(idle - margin, 2000));
  };
  const stay = async () => {
    if (dialog.open) dialog.close();
    const response = await fetch(dialog.dataset.keepAliveUrl, {
      method: "POST",
      headers: { "X-CSRFToken": dialog.dataset.csrfToken },
      credentials: "same-origin",
    });
    if (response.ok) schedule();
  };
  dialog.querySelector("[data-keep-alive]").addEventListener("click", stay);
  // Escape closes a modal dialog: take it as "stay", not as walking away.
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    stay();
  });
  schedule();
}

document.querySelectorAll('[data-module="app-timeout-warning"]').forEach(timeoutWarning);

// Read-aloud: the "listen" button on each question of the younger children's
// versions (and on the letter after a review) speaks the question, its hint and
// its answers, or each part marked data-speak, with the browser's own speech
// synthesis, in the page's language. Nothing leaves the device.
function voiceFor(synth, lang) {
  const wanted = lang.toLowerCase();
  const primary = wanted.split("-")[0];
  const voices = synth.getVoices();
  return (
    voices.find((voice) => voice.lang.toLowerCase().replace("_", "-") === wanted) ||
    voices.find((voice) => voice.lang.toLowerCase().split(/[-_]/)[0] === primary)
  );
}

function spokenText(container) {
  const parts = [];
  const selector =
    "legend, .govuk-label, .govuk-hint:not(.govuk-character-count__message), h2, " +
    ".govuk-radios__divider, .govuk-checkboxes__divider, [data-speak]";
  container.querySelectorAll(selector).forEach((element) => {
    if (element.closest(".govuk-radios__conditional--hidden, .govuk-checkboxes__conditional--hidden")) return;
    const copy = element.cloneNode(true);
    copy.querySelectorAll('[aria-hidden="true"], .govuk-visually-hidden').forEach((hidden) => hidden.remove());
    const text = copy.textContent.replace(/\s+/g, " ").trim();
    if (text) parts.push(/[.!?؟։።]$/.test(text) ? text : `${text}.`);
  });
  return parts.join(" ");
}

function readAloud(container) {
  const button = container.querySelector("[data-listen]");
  const synth = window.speechSynthesis;
  if (!button || !synth || typeof window.SpeechSynthesisUtterance !== "function") return;
  const lang = document.documentElement.lang || "en";
  const label = button.querySelector("[data-listen-label]");
  const reveal = () => {
    if (voiceFor(synth, lang)) button.hidden = false;
  };
  const reset = () => {
    delete button.dataset.speaking;
    label.textContent = button.dataset.listenText;
  };
  reveal();
  synth.addEventListener("voiceschanged", reveal);
  button.addEventListener("click", () => {
    const wasSpeaking = button.dataset.speaking === "true";
    synth.cancel();
    document.querySelectorAll("[data-listen][data-speaking]").forEach((other) => {
      delete other.dataset.speaking;
      other.querySelector("[data-listen-label]").textContent = other.dataset.listenText;
    });
    if (wasSpeaking) return;
    const utterance = new window.SpeechSynthesisUtterance(spokenText(container));
    utterance.lang = lang;
    utterance.rate = 0.9;
    const voice = voiceFor(synth, lang);
    if (voice) utterance.voice = voice;
    utterance.addEventListener("end", reset);
    utterance.addEventListener("error", reset);
    button.dataset.speaking = "true";
    label.textContent = button.dataset.stopText;
    synth.speak(utterance);
  });
}

document.querySelectorAll('[data-module="app-read-aloud"]').forEach(readAloud);
