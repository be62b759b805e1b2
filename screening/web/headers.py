"""Response headers every page needs: no caching of health data, a strict Content-Security-Policy
(no inline script or style, nothing from other sites), and HSTS in production."""

from flask import Flask, request

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
))


def register(app: Flask) -> None:
    @app.after_request
    def security_headers(response):
        headers = response.headers
        headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        headers["X-Content-Type-Options"] = "nosniff"
        # same-origin: our own pages send the Referer Flask-WTF insists on over HTTPS (no-referrer made every
        # form post fail there); other sites never see our addresses.
        headers["Referrer-Policy"] = "same-origin"
        headers["X-Frame-Options"] = "DENY"
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if app.config.get("SESSION_COOKIE_SECURE"):
            headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        # Pages hold health data: no browser or shared cache may keep them (Back after sending shows
        # nothing stale). Static files stay cacheable.
        if request.endpoint != "static":
            headers["Cache-Control"] = "no-store, private"
        return response
