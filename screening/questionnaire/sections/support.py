"""Section: a ride home, therapy and a support person, because patients cannot drive after a dose and
ketamine is paired with therapy and support (R-RIDE, R-SUPPORT).

A therapist now is asked only of someone who has had talk therapy or is not sure (treatments page): nobody sees a
therapist now who never had talk therapy, and R-SUPPORT reads that checklist for them."""

from ..choices import YES_NO_NOT_SURE
from ..model import CHOICE, PHONE, TEXT, Pair, Question, Section, is_
from .treatments import TALK_THERAPY_MAYBE

SECTION = Section(
    id="support",
    title="Support",
    pairs=(Pair("support_person_name", "support_person_phone", "The person you can call"),),
    questions=(
        Question(
            "ride_home", "Can someone take you home after each visit?", CHOICE, options=YES_NO_NOT_SURE,
            help="After each visit you cannot drive until the next day, after a night's sleep.",
        ),
        Question(
            "therapist_now", "Do you see a therapist or counselor now?", CHOICE, options=YES_NO_NOT_SURE,
            show_when=TALK_THERAPY_MAYBE,
        ),
        Question(
            "support_person", "Is there someone you can call if you feel worse?", CHOICE, options=YES_NO_NOT_SURE,
            help="A friend, family member or anyone you trust.",
        ),
        Question(
            "support_person_name", "Their name, and how you know them", TEXT, max_length=120, required=False,
            help='For example "Sam, my sister".', show_when=is_("support_person", "yes"),
        ),
        Question(
            "support_person_phone", "Their phone number", PHONE, max_length=30, required=False,
            show_when=is_("support_person", "yes"),
        ),
    ),
)
