"""Files handed to a browser: the patient's copy and the clinician's PDF, exports. Health data in every one, so
no cache may keep them."""

from flask import current_app


def attachment(body: str | bytes, mimetype: str, filename: str):
    """A file the browser saves: an export, the patient's copy."""
    return handed_over(body, mimetype, f'attachment; filename="{filename}"')


def pdf_response(pdf: bytes, filename: str):
    return attachment(pdf, "application/pdf", filename)


def pdf_to_print(pdf: bytes, filename: str):
    """A PDF the browser shows in its own viewer, where staff print it; `filename` is what saving it from there
    offers."""
    return handed_over(pdf, "application/pdf", f'inline; filename="{filename}"')


def handed_over(body: str | bytes, mimetype: str, disposition: str):
    response = current_app.response_class(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = disposition
    response.headers["Cache-Control"] = "no-store, private"
    response.headers["Pragma"] = "no-cache"
    return response
