"""Steps that join packages: crawl, segment, classify, nightly (storage + nlp + models)."""
