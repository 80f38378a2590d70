"""The only package that knows SQL: schema migrations, writes and queries."""
from storage.db import (  # noqa: F401
    LABELS,
    Database,
    DatabaseLockedError,
    DatabaseMissingError,
    ReviewConflictError,
    StorageError,
    open_database,
)
