"""One module per page of the intake, in the order patients see them (see questionnaire/__init__.py)."""
