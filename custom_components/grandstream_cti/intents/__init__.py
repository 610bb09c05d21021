"""Voice commands (Assist intents): call, call control, DND, callers, missed calls.

Each intent names its phone or handset in the optional `phone` slot, by device,
entity or area name. Without one, the phone follows from what the phones are
doing (the one that rings, the one in a call), or from the only phone there is.
When that leaves more than one, the answer asks which: a voice command never
guesses, so a call never leaves from the wrong phone.

The commands go through the integration's own services and DND switches, so
they check and send exactly what those do.
"""

INTENT_MAKE_CALL = "GrandstreamMakeCall"
INTENT_ANSWER = "GrandstreamAnswer"
INTENT_REJECT = "GrandstreamReject"
INTENT_HANG_UP = "GrandstreamHangUp"
INTENT_HOLD = "GrandstreamHold"
INTENT_RESUME = "GrandstreamResume"
INTENT_DND_ON = "GrandstreamDndOn"
INTENT_DND_OFF = "GrandstreamDndOff"
INTENT_WHO_IS_CALLING = "GrandstreamWhoIsCalling"
INTENT_MISSED_CALLS = "GrandstreamMissedCalls"
INTENT_CLEAR_MISSED_CALLS = "GrandstreamClearMissedCalls"
