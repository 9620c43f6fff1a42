// What the secretariat has typed into one input's tools on the triage board (issue 13). The
// board keeps one per input, as it keeps each card's outcome: a card that moves to another
// column (after a bulk acknowledge, a live event, any step) or that a filter hides and shows
// again is made anew, and its tools with it, so what was typed cannot live in them.

/** One input's unsent answer, agenda item and reasons; a step that succeeds clears its own. */
export class ToolDrafts {
  answer = $state('');
  item = $state('');
  declineReason = $state('');
  hideReason = $state('');
  redactedText = $state('');
  redactReason = $state('');
}
