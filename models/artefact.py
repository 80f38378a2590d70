"""A model artefact on disk: joblib payload plus a JSON metadata sidecar.

The sidecar is read first and checked (checksum, labels, library versions) before
anything is unpickled, so a corrupted or foreign file is refused with a clear
message. joblib is pickle: load only artefacts this project wrote.
"""
from __future__ import annotations

import hashlib
import json
import logging
import platform
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import joblib
import sklearn

from models import LABELS

log = logging.getLogger(__name__)
FORMAT_VERSION = 1


class ModelError(Exception):
    """A model artefact is missing, corrupted or does not fit this code."""


@dataclass(frozen=True)
class Artefact:
    model: Any
    meta: dict

    @property
    def model_id(self) -> str:
        return self.meta["model_id"]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def library_versions() -> dict[str, str]:
    import underthesea

    return {"python": platform.python_version(), "sklearn": sklearn.__version__,
            "underthesea": underthesea.__version__, "joblib": joblib.__version__}


def meta_path(path: Path) -> Path:
    return path.with_suffix(".json")


def save_artefact(model: Any, meta: dict, path: str | Path) -> Path:
    """Write the model and its metadata; returns the payload path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".joblib.tmp")
    joblib.dump(model, tmp, compress=3)
    tmp.replace(path)
    full_meta = {**meta, "format_version": FORMAT_VERSION, "labels": list(LABELS),
                 "libraries": library_versions(), "sha256": _sha256(path),
                 "size_bytes": path.stat().st_size}
    meta_path(path).write_text(json.dumps(full_meta, ensure_ascii=False, indent=2) + "\n",
                               encoding="utf-8")
    return path


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def load_artefact(path: str | Path) -> Artefact:
    """Load and verify an artefact, or raise ModelError saying what is wrong."""
    path = Path(path)
    if not path.exists():
        raise ModelError(f"model file {path} does not exist (run `pipeline.py train`)")
    try:
        meta = json.loads(meta_path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"model metadata {meta_path(path)} is missing") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError(f"model metadata {meta_path(path)} is corrupted: {exc}") from None
    if meta.get("format_version") != FORMAT_VERSION:
        raise ModelError(f"model {path} has format {meta.get('format_version')}, expected {FORMAT_VERSION}")
    if tuple(meta.get("labels", ())) != LABELS:
        raise ModelError(f"model {path} predicts {meta.get('labels')}, expected {list(LABELS)}")
    if _sha256(path) != meta.get("sha256"):
        raise ModelError(f"model file {path} is corrupted: its checksum does not match its metadata")
    trained_with = meta.get("libraries", {}).get("sklearn", "?")
    if _minor(trained_with) != _minor(sklearn.__version__):
        raise ModelError(f"model {path} was trained with scikit-learn {trained_with}, "
                         f"this is {sklearn.__version__}: retrain it")
    try:
        model = joblib.load(path)
    except Exception as exc:  # unpickling can fail in many ways; all mean the same
        raise ModelError(f"model file {path} cannot be loaded: {exc}") from exc
    return Artefact(model=model, meta=meta)
