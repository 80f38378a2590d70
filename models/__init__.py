"""Topic classifier: keyword baseline, training, persisted artefacts and prediction."""
LABELS = ("noi_chinh", "pctn", "cctp")
# The names the CLI offers; models/features.py and models/train.py build them.
FEATURE_SETS = ("words", "syllables", "both", "both_lead", "both_lead_cues")
CLASSIFIERS = ("logreg", "linearsvc", "sgd")
