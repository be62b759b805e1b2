"""A check every text field shares, for patients and staff alike."""

from wtforms.validators import StopValidation

NUL_MESSAGE = "Remove the unusual character in this box (it may have come with pasted text), then try again."


class NoNulBytes:
    """A NUL byte is never typed by a person, and PostgreSQL refuses it in any text: say so next to the field,
    instead of failing on the database with the typed text in the error log."""

    def __call__(self, form, field):
        if isinstance(field.data, str) and "\x00" in field.data:
            raise StopValidation(NUL_MESSAGE)
