"""The only package that knows SQL: schema migrations, writes and queries."""
from storage.db import (  # noqa: F401
    LABELS,
    Database,
    DatabaseLockedError,
    DatabaseMissingError,
    StorageError,
    open_database,
)
