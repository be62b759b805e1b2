"""The clinic staff's side: sign-in, the review queue, one intake, notes, exports, audit, accounts."""
