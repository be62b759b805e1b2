"""Urgent answers reach a person within minutes, sent or not: marks.py records which intakes need attention now
and what staff did; sending.py delivers the alerts (email, webhook) from the worker; messages.py says what an alert
holds (never health data, never a name); background.py sends them from the web process when no worker runs."""
