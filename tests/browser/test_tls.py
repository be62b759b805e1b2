"""Over real TLS, as in production: every form post passes Flask-WTF's strict Referer check on HTTPS.

With `Referrer-Policy: no-referrer` the browser sent no Referer, and every POST was refused (400). The app runs
under gunicorn with a self-signed certificate made here, with the production settings (secure cookies, HSTS).
"""

import datetime
import ipaddress
import subprocess
import sys

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from helpers import typical_answers
from intake_driver import fill, save, start
from served import ROOT, app_environment, free_port, gunicorn, migrate, stop

STAFF_EMAIL = "tls-admin@clinic.test"
STAFF_PASSWORD = "a long staff password"


def self_signed_certificate(directory) -> tuple[str, str]:
    """A certificate for 127.0.0.1, valid for a day; returns the paths of the certificate and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_path), str(key_path)


@pytest.fixture
def https_url(tmp_path):
    env = app_environment(tmp_path, SCREENING_CONFIG="production")
    migrate(env)
    subprocess.run([sys.executable, "-m", "flask", "--app", "screening", "create-staff", STAFF_EMAIL, "--role",
                    "admin", "--password", STAFF_PASSWORD], env=env, cwd=ROOT, check=True, capture_output=True)
    certificate, key = self_signed_certificate(tmp_path)
    port = free_port()
    process = gunicorn(env, port, "-w", "1", "--certfile", certificate, "--keyfile", key)
    yield f"https://127.0.0.1:{port}"
    stop(process)


def test_forms_work_over_https_with_the_production_settings(browser, https_url):
    context = browser.new_context(base_url=https_url, ignore_https_errors=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    welcome = page.goto("/")
    assert welcome.headers["referrer-policy"] == "same-origin"
    assert "max-age" in welcome.headers["strict-transport-security"]

    start(page)
    page.wait_for_url("**/step/about_you")
    fill(page, typical_answers()["about_you"])
    save(page)
    code = page.locator(".resume-code").inner_text()
    assert next(cookie for cookie in context.cookies() if cookie["name"] == "__Host-session")["secure"]
    page.get_by_role("link", name="Continue to the next step").click()
    fill(page, typical_answers()["reasons"])
    save(page)
    page.wait_for_url("**/step/mood")

    other = browser.new_context(base_url=https_url, ignore_https_errors=True)
    resumed = other.new_page()
    resumed.goto("/resume")
    resumed.fill("#code", code)
    resumed.fill("#date_of_birth", "1985-03-27")
    resumed.get_by_role("button", name="Go on").click()
    resumed.wait_for_url("**/step/mood")
    other.close()

    staff = context.new_page()
    staff.goto("/staff/sign-in")
    staff.fill("#email", STAFF_EMAIL)
    staff.fill("#password", STAFF_PASSWORD)
    staff.get_by_role("button", name="Sign in").click()
    staff.wait_for_url(https_url + "/staff/")
    context.close()
