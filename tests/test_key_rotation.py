"""Key rotation: old keys still read, new writes use the new key, and a command re-encrypts everything."""

import pytest
from answer_sets import nothing_of_note
from cryptography.fernet import Fernet, InvalidToken

from screening import create_app
from screening.crypto import Vault, vault
from screening.intake import store as intake_store
from screening.models import Intake, Report, db
from screening.questionnaire import SECTION_BY_ID

OLD_KEY = "3tq8kxH1Il1-3w-nmpG1n4WTnpxnDPuJ0NeuZB0QCV8="
NEW_KEY = Fernet.generate_key().decode()


def test_rotation_keeps_old_data_readable_and_moves_it_to_the_new_key(app, database):
    with app.app_context():
        intake = intake_store.store_submitted(nothing_of_note())
        db.session.add(Report(intake_id=intake.id, pdf=vault().encrypt_bytes(b"%PDF-old"),
                              catalogue_version="x"))
        db.session.commit()

    rotated = create_app({"DATABASE_URL": database, "ENCRYPTION_KEYS": f"{NEW_KEY},{OLD_KEY}"})
    new_only = Fernet(NEW_KEY)
    with rotated.app_context():
        intake = db.session.execute(db.select(Intake)).scalar_one()
        assert intake_store.answers_of(intake)["full_name"] == "Alex Rivera"
        with pytest.raises(InvalidToken):
            new_only.decrypt(intake.answers)
        assert new_only.decrypt(vault().encrypt("a new write")) == b'"a new write"'

    result = rotated.test_cli_runner().invoke(args=["rotate-keys"])
    assert result.exit_code == 0, result.output
    assert "Re-encrypted 1 intake rows, 1 report rows" in result.output
    with rotated.app_context():
        intake = db.session.execute(db.select(Intake)).scalar_one()
        assert b"Alex Rivera" in new_only.decrypt(intake.answers)
        assert new_only.decrypt(db.session.execute(db.select(Report)).scalar_one().pdf) == b"%PDF-old"


def test_a_patients_save_while_the_keys_rotate_is_kept(app, database, monkeypatch):
    """rotate-keys runs while the clinic is open: a page a patient saves meanwhile must not be written over with
    the answers the command read before it."""
    with app.app_context():
        draft = intake_store.start()
        intake_store.save_section(draft, SECTION_BY_ID["about_you"], {"full_name": "Alex Rivera"})
        draft_id = draft.id
    rotated = create_app({"DATABASE_URL": database, "ENCRYPTION_KEYS": f"{NEW_KEY},{OLD_KEY}"})
    rotate = Vault.rotate
    saved = []

    def patient_saves_meanwhile(self, token):
        if not saved:
            with rotated.app_context():  # another request, with its own session
                intake_store.save_section(db.session.get(Intake, draft_id), SECTION_BY_ID["about_you"],
                                          {"full_name": "Sam Lee"})
            saved.append(draft_id)
        return rotate(self, token)

    monkeypatch.setattr(Vault, "rotate", patient_saves_meanwhile)
    result = rotated.test_cli_runner().invoke(args=["rotate-keys"])
    assert result.exit_code == 0, result.output
    assert saved
    with rotated.app_context():
        answers = db.session.get(Intake, draft_id).answers
        assert Fernet(NEW_KEY).decrypt(answers) == b'{"full_name": "Sam Lee"}'
