"""The patient's side: the intake, one section per page."""
