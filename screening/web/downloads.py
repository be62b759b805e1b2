"""Files handed to a browser: the patient's copy and the clinician's PDF, exports. Health data in every one, so
no cache may keep them."""

from flask import current_app


def attachment(body: str | bytes, mimetype: str, filename: str):
    response = current_app.response_class(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store, private"
    response.headers["Pragma"] = "no-cache"
    return response


def pdf_response(pdf: bytes, filename: str):
    return attachment(pdf, "application/pdf", filename)
