"""The editors' review web app and JSON API (Flask); start it with ``create_app``."""
from review.app import create_app  # noqa: F401
