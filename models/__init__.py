"""Topic classifier: keyword baseline, training, persisted artefacts and prediction."""
LABELS = ("noi_chinh", "pctn", "cctp")
