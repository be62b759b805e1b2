"""Section 1: who the patient is, how to reach them, and their consent."""

from ..model import CONSENT, DATE, EMAIL, PHONE, TEXT, Option, Pair, Question, Section

SECTION = Section(
    id="about_you",
    title="About you",
    pairs=(Pair("email", "phone", "How can we reach you?"),),
    questions=(
        Question("full_name", "Your full name", TEXT, required=True, max_length=120),
        Question(
            "date_of_birth", "Your date of birth", DATE, required=True,
            help="You need it to come back later.",
            min_value=-365 * 120, max_value=0,
        ),
        Question("email", "Email address", EMAIL, max_length=254, help="You can skip this."),
        Question("phone", "Phone number", PHONE, max_length=30, help="You can skip this."),
        Question(
            "consultation_date", "Date of your clinic visit", DATE,
            help="If you know it.", min_value=-30, max_value=365 * 2,
        ),
        Question(
            "consent", "I agree that the clinic may use my answers to get ready for my visit.", CONSENT,
            options=(Option("yes", "I agree"),),
            help="Only the clinic's staff can see your answers.",
        ),
    ),
)
