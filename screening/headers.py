"""Response headers every page needs."""

from flask import Flask, request


def register(app: Flask) -> None:
    @app.after_request
    def no_store(response):
        """Pages hold health data: no browser or shared cache may keep them (Back after sending shows
        nothing stale). Static files stay cacheable."""
        if request.endpoint != "static":
            response.headers["Cache-Control"] = "no-store, private"
        return response
