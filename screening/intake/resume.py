"""The form a returning patient fills to pick up where they left off."""

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from ..validators import NoNulBytes
from .forms import PlainDateField


class ResumeForm(FlaskForm):
    code = StringField(
        "Your code",
        description="It looks like K7QM-3XTR-9PWD-H2FN. Small letters and spaces are fine.",
        validators=[InputRequired("Enter the code you were given."), NoNulBytes(),
                    Length(max=40, message="That code is too long.")],
    )
    date_of_birth = PlainDateField(
        "Your date of birth", validators=[InputRequired("Enter your date of birth.")]
    )
