"""The floor every endpoint is measured against: a Flask app with one route, served exactly as tracker is."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    """Answer with a short string: the least work a Flask request can do."""
    return "hello"
