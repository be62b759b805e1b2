"""The baseline for the load benchmark: a bare Flask hello-world, served the same way as the app."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello"
