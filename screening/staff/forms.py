"""Forms of the staff pages."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, EqualTo, InputRequired, Length, ValidationError

from ..alerts.marks import OUTCOMES
from ..web.validators import NoNulBytes


class SignInForm(FlaskForm):
    email = EmailField("Email", validators=[InputRequired("Enter your email."), NoNulBytes(), Length(max=254)])
    password = PasswordField("Password", validators=[InputRequired("Enter your password."), Length(max=200)])


class SearchForm(FlaskForm):
    search = StringField("Name or date of birth (YYYY-MM-DD)", validators=[NoNulBytes(), Length(max=120)])


class NoteForm(FlaskForm):
    text = TextAreaField("Add a note", validators=[InputRequired("Write the note first."), NoNulBytes(),
                                                   Length(max=4000, message="Keep a note under 4,000 characters.")])


class NewAccountForm(FlaskForm):
    email = EmailField("Email", validators=[InputRequired("Enter an email."), NoNulBytes(),
                                            Email("Enter an email address like name@clinic.org.",
                                                  check_deliverability=False)])
    role = SelectField("Role", choices=[SelectChoice("staff", "Staff"), SelectChoice("admin", "Admin")])
    password = PasswordField("Temporary password", validators=[InputRequired("Enter a password."), Length(max=200)])


class PasswordForm(FlaskForm):
    password = PasswordField("New password", validators=[InputRequired("Enter a password."), Length(max=200)])
    confirm = PasswordField("New password again", validators=[EqualTo("password", "The two passwords differ.")])


class AcknowledgeForm(FlaskForm):
    outcome = RadioField("What was done", choices=[SelectChoice(value, label) for value, label in OUTCOMES.items()],
                         validators=[InputRequired("Choose what was done.")])
    note = TextAreaField("Note", validators=[Length(max=4000, message="Keep a note under 4,000 characters.")])

    def validate_note(self, field) -> None:
        if self.outcome.data == "other" and not (field.data or "").strip():
            raise ValidationError("Say in the note what was done.")
