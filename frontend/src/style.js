// Only the theme's variables: the card follows light and dark themes and the
// user's own, from phone width up.
export const STYLE = `
:host { display: block; }
ha-card {
  padding: 16px;
  display: flex;
  flex-direction: column;
  gap: 12px;
  color: var(--primary-text-color);
  box-sizing: border-box;
  height: 100%;
}
ha-card.ringing { outline: 3px solid var(--primary-color); outline-offset: -3px; }
h2.title { margin: 0; font-size: 1.25em; font-weight: 500; overflow-wrap: anywhere; }
h3 { margin: 0; font-size: 1em; font-weight: 500; color: var(--secondary-text-color); }
.status { display: flex; flex-direction: column; gap: 8px; }
.state { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.state-word { font-size: 1.1em; }
.badge {
  font-size: 0.8em; padding: 2px 8px; border-radius: 12px;
  background: var(--error-color); color: var(--text-primary-color);
}
.banner {
  padding: 10px 12px; border-radius: 8px; font-weight: 500; font-size: 1.1em;
  background: var(--primary-color); color: var(--text-primary-color);
  animation: pulse 1s ease-in-out infinite alternate;
}
@keyframes pulse { from { opacity: 1; } to { opacity: 0.6; } }
@media (prefers-reduced-motion: reduce) { .banner { animation: none; } }
.line { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 12px; }
.caller { font-size: 1.5em; font-weight: 500; overflow-wrap: anywhere; }
.number, .line-state, .whose, small { color: var(--secondary-text-color); }
.whose { flex-basis: 100%; }
.duration { font-variant-numeric: tabular-nums; margin-left: auto; }
.notice { margin: 0; color: var(--secondary-text-color); }
.notice.unavailable { color: var(--error-color); }
.error { margin: 0; color: var(--error-color); overflow-wrap: anywhere; }
.controls { display: flex; flex-wrap: wrap; gap: 8px; }
.controls:empty { display: none; }
button {
  font: inherit; color: var(--primary-text-color); cursor: pointer;
  background: var(--secondary-background-color, transparent);
  border: 1px solid var(--divider-color); border-radius: 20px;
  min-height: 40px; padding: 6px 16px;
}
button:focus-visible { outline: 2px solid var(--primary-color); outline-offset: 2px; }
button.answer, button.call, button.call-back {
  background: var(--success-color, var(--primary-color)); color: var(--text-primary-color);
  border-color: transparent;
}
button.reject, button.hang_up {
  background: var(--error-color); color: var(--text-primary-color); border-color: transparent;
}
.action { flex: 1 1 auto; }
.dial { display: flex; flex-direction: column; gap: 8px; }
.number { display: flex; align-items: center; gap: 8px; }
.number label { color: var(--secondary-text-color); }
.number input {
  flex: 1; min-width: 0; font: inherit; font-size: 1.2em; padding: 6px 8px;
  color: var(--primary-text-color); background: var(--card-background-color, transparent);
  border: 1px solid var(--divider-color); border-radius: 8px;
}
.keys { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6px; }
.key { font-size: 1.2em; border-radius: 8px; }
button.icon { padding: 6px 12px; }
.calls { display: flex; flex-direction: column; gap: 8px; }
.missed-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.missed { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
.row { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.who { display: flex; flex-direction: column; min-width: 0; overflow-wrap: anywhere; }
.empty { margin: 0; color: var(--secondary-text-color); }
[hidden] { display: none !important; }
`;
