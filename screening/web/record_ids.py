"""Record numbers in addresses (/staff/intakes/12). The databases hold 32-bit integers: a bigger number names no
record, so it is not found, instead of overflowing the query (a server error on PostgreSQL). Every `<int:…>` in a
route is such a number, so the app's `int` converter is this one, and a route added later is bounded too."""

from flask import Flask
from werkzeug.routing import IntegerConverter

LARGEST_ID = 2**31 - 1


class RecordId(IntegerConverter):
    def __init__(self, url_map):
        super().__init__(url_map, min=1, max=LARGEST_ID)


def register(app: Flask) -> None:
    """Before the blueprints: their rules read the converter as they are added."""
    app.url_map.converters["int"] = RecordId
