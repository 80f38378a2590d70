"""The fitted TfidfVectorizer's transform without
building an n-gram string per position.

Re-classification spends nearly all its time in ``TfidfVectorizer.transform``: for each
article sklearn joins every syllable 1-, 2- and 3-gram into a string and looks it up in
the vocabulary, raising and catching a KeyError for each of the many n-grams that are
not in it. Here every syllable becomes an integer once (one hash lookup), an n-gram
becomes one int64 key computed with numpy for a whole batch, and the keys are looked up
in a hash index of the vocabulary's keys (pandas). The result is the same matrix, bit for
bit (``tests/test_models.py`` checks it against sklearn's on real text; it is about 2.5 times
faster). ``TopicClassifier`` uses it for scoring; training still uses sklearn's.

From token ids (``IdUnion``/``IdReader``), the same matrix once more without any string
work per article: storage keeps each article's words as ids into a dictionary of token
texts; a reader learns once per id what the vectorizers make of it (its lower-cased word,
its syllables, as local ids of each vocabulary), then an article's n-gram keys come from
array look-ups, unigrams need no hash look-up at all, bigrams are int32 keys, and the
counts are summed by a counting sort (a CSC matrix turned CSR) rather than a sort. About
4 times faster again than the text path (``python -m benchmarks.profile transform``).
"""
from __future__ import annotations

from itertools import repeat

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

SEPARATOR = "\x00"  # between articles: no n-gram spans two articles


def weigh(counts: sp.csr_matrix, vectorizer) -> sp.csr_matrix:
    """A fitted TfidfVectorizer's weighting of raw counts (float64, each row's columns sorted):
    sublinear tf, idf, norm, in sklearn's order and arithmetic, so the result is its matrix bit
    for bit."""
    if vectorizer.sublinear_tf:
        np.log(counts.data, counts.data)
        counts.data += 1
    if vectorizer.use_idf:  # as sklearn does it: a product with a diagonal matrix would reorder the columns
        counts.data *= vectorizer.idf_[counts.indices]
    if vectorizer.norm:
        counts = normalize(counts, norm=vectorizer.norm, copy=False)
    return counts


def _check_word_vectorizer(vectorizer) -> None:
    """ValueError unless *vectorizer* is a TfidfVectorizer of whitespace-token word n-grams
    with the counts and dtype the fast transforms reproduce."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not isinstance(vectorizer, TfidfVectorizer):
        raise ValueError("only TfidfVectorizer features are supported")
    if vectorizer.analyzer != "word" or vectorizer.token_pattern not in (r"(?u)\S+", r"\S+") \
            or vectorizer.tokenizer is not None:
        raise ValueError("only whitespace-token word n-gram vectorizers are supported")
    if vectorizer.stop_words or vectorizer.binary or np.dtype(vectorizer.dtype) != np.float64:
        raise ValueError("stop words, binary counts and other dtypes are not supported")


class FastTransform:
    """transform() of a fitted TfidfVectorizer whose analyzer is whitespace-split words
    (token_pattern ``\\S+``) with n-grams, as models/features.py builds them."""

    def __init__(self, vectorizer) -> None:
        import pandas as pd

        _check_word_vectorizer(vectorizer)
        self.vectorizer = vectorizer
        self.preprocess = vectorizer.build_preprocessor()
        self.low, self.high = vectorizer.ngram_range
        vocabulary = vectorizer.vocabulary_
        syllables: dict[str, int] = {}
        for gram in vocabulary:
            for part in gram.split(" "):
                syllables.setdefault(part, len(syllables))
        self.base = len(syllables) + 1
        if (self.high + 1) * self.base ** self.high >= 2 ** 62:
            raise ValueError("vocabulary too large for int64 n-gram keys")
        keys = np.empty(len(vocabulary), dtype=np.int64)
        columns = np.empty(len(vocabulary), dtype=np.int64)
        for k, (gram, column) in enumerate(vocabulary.items()):
            parts = gram.split(" ")
            key = len(parts)
            for part in parts:
                key = key * self.base + syllables[part]
            keys[k], columns[k] = key, column
        self.syllable_ids = syllables  # a plain dict: map(dict.get) is the fastest string lookup
        self.key_index = pd.Index(keys)
        self.columns = columns
        self.shape1 = len(vocabulary)

    def transform(self, docs: list[str]) -> sp.csr_matrix:
        words: list[str] = []
        lengths = []
        for doc in docs:
            split = self.preprocess(doc).split()
            words.extend(split)
            words.append(SEPARATOR)
            lengths.append(len(split) + 1)
        # -1: a token in no vocabulary n-gram
        ids = np.fromiter(map(self.syllable_ids.get, words, repeat(-1)), dtype=np.int64, count=len(words))
        doc_of = np.repeat(np.arange(len(docs)), lengths)
        rows, cols = [], []
        for n in range(self.low, self.high + 1):
            m = len(ids) - n + 1
            if m <= 0:
                continue
            key = np.full(m, n, dtype=np.int64)
            usable = np.ones(m, dtype=bool)
            for k in range(n):
                part = ids[k:k + m]
                usable &= part >= 0
                key = key * self.base + part
            position = self.key_index.get_indexer(key[usable])
            hit = position >= 0
            rows.append(doc_of[:m][usable][hit])
            cols.append(self.columns[position[hit]])
        r, c = np.concatenate(rows), np.concatenate(cols)
        matrix = sp.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(docs), self.shape1))
        matrix.sum_duplicates()
        matrix.sort_indices()
        return weigh(matrix, self.vectorizer)


def _vectorizers_of(part) -> tuple[list, object]:
    """The vectorizers a union part reads with, and how their matrices become the part's:
    a vectorizer is its own; a composite part (models/cues.py PhraseCues: fixed-vocabulary
    counters and a ``finish``) gives its counters and its finish."""
    if hasattr(part, "counters_") and hasattr(part, "finish"):
        return list(part.counters_), part.finish
    return [part], None


def _assemble(blocks: list[tuple[list[sp.csr_matrix], object, float | None]]) -> sp.csr_matrix:
    """The union's matrix from each part's vectorizer matrices, finish and weight."""
    finished = []
    for matrices, finish, weight in blocks:
        block = finish(matrices) if finish is not None else matrices[0]
        finished.append(block * weight if weight is not None else block)
    return sp.hstack(finished, format="csr")


class FastUnion:
    """The same for a FeatureUnion of such vectorizers and cue counters (models/features.py)."""

    def __init__(self, union) -> None:
        weights = union.transformer_weights or {}
        self.parts = []
        for name, part in union.transformer_list:
            vectorizers, finish = _vectorizers_of(part)
            self.parts.append(([FastTransform(v) for v in vectorizers], finish, weights.get(name)))

    def transform(self, docs: list[str]) -> sp.csr_matrix:
        return _assemble([([t.transform(docs) for t in transforms], finish, weight)
                          for transforms, finish, weight in self.parts])


def fast_transform_for(features):
    """FastTransform or FastUnion for a fitted vectorizer or union; ValueError otherwise."""
    from sklearn.pipeline import FeatureUnion

    return FastUnion(features) if isinstance(features, FeatureUnion) else FastTransform(features)


# ---- from token ids ------------------------------------------------------------------------
# Storage keeps every article's words as integer ids into a dictionary of token texts that no
# model owns (ids from 1 up; 0 never names a token). A scorer learns the text of the ids it
# meets once, and from then on maps ids to its own vocabulary with array look-ups: no string
# is split, lower-cased or hashed per article.
SEPARATOR_ID = 0  # placed after each article: no n-gram spans two articles


def _check_head_vectorizer(vectorizer):
    """The Head preprocessor of a vectorizer the id path can reproduce; ValueError otherwise."""
    from models.features import Head

    _check_word_vectorizer(vectorizer)
    if type(vectorizer.preprocessor) is not Head:
        raise ValueError("only the Head preprocessor of models/features.py is supported")
    return vectorizer.preprocessor


class IdTransform:
    """transform() of a fitted TfidfVectorizer (as models/features.py builds them: a Head
    preprocessor, whitespace tokens, word n-grams) from arrays of global token ids.

    Head(words) keeps the first *words* tokens and lower-cases them; with syllables it
    replaces "_" by a space first. Both act on each token alone (lower-casing looks no
    further than the surrounding whitespace), so the vectorizer's tokens for an article
    are the concatenation of each of its first *words* tokens' own tokens: that mapping is
    learned once per token id (``learn``) and applied with array look-ups."""

    def __init__(self, vectorizer) -> None:
        import pandas as pd

        head = _check_head_vectorizer(vectorizer)
        self.vectorizer = vectorizer
        self.words, self.syllables = head.words, head.syllables
        self.low, self.high = vectorizer.ngram_range
        vocabulary = vectorizer.vocabulary_
        grams = list(vocabulary)
        columns = np.fromiter(vocabulary.values(), dtype=np.int32, count=len(grams))
        parts = " ".join(grams).split(" ")  # every n-gram's tokens, in order
        self.local = {part: i for i, part in enumerate(dict.fromkeys(parts))}
        self.none = len(self.local)  # the local id of a token in no vocabulary n-gram, and of the separator
        self.base = self.none + 1
        if self.base ** max(1, self.high) >= 2 ** 62:
            raise ValueError("vocabulary too large for int64 n-gram keys")
        part_ids = np.fromiter(map(self.local.__getitem__, parts), dtype=np.int64, count=len(parts))
        order = np.fromiter(map(str.count, grams, repeat(" ")), dtype=np.int64, count=len(grams)) + 1
        first = np.cumsum(order) - order  # where each n-gram's tokens start in part_ids
        self.unigram = np.full(self.base, -1, dtype=np.int32)
        self.unigram[part_ids[first[order == 1]]] = columns[order == 1]
        # per n >= 2: which tokens stand at each place of some n-gram (a cheap first filter),
        # and the n-gram keys (t0 * base + t1) * base + ... with their columns
        self.roles: dict[int, list[np.ndarray]] = {}
        self.lookup: dict[int, tuple] = {}
        for n in range(max(2, self.low), self.high + 1):
            starts = first[order == n]
            roles, keys = [], np.zeros(len(starts), dtype=np.int64)
            for k in range(n):
                role = np.zeros(self.base, dtype=bool)
                role[part_ids[starts + k]] = True
                roles.append(role)
                keys = keys * self.base + part_ids[starts + k]
            # int32 keys where they fit: a third faster to hash than int64
            dtype = np.int32 if self.base ** n < 2 ** 31 else np.int64
            index = pd.Index(keys.astype(dtype))
            index.get_indexer(index[:1])  # builds its hash table now: scoring processes forked later share it
            self.roles[n] = roles
            self.lookup[n] = (index, columns[order == n], dtype)
        self.shape1 = len(vocabulary)

    def new_table(self) -> "_TokenTable":
        """An empty map from global token ids to this vectorizer's local tokens."""
        return _TokenTable(self.none, self.syllables)

    def transform_heads(self, table: "_TokenTable", heads: np.ndarray, doc_sizes: np.ndarray) -> sp.csr_matrix:
        """The TF-IDF rows of articles given as the concatenation of each one's first
        ``self.words`` token ids followed by SEPARATOR_ID, doc_sizes counting both."""
        n_docs = len(doc_sizes)
        tokens, sizes = table.local_tokens(heads, doc_sizes)
        doc_of = np.repeat(np.arange(n_docs, dtype=np.int32), sizes)
        rows, cols = [], []
        if self.low <= 1:
            columns = self.unigram[tokens]
            hit = np.flatnonzero(columns >= 0)
            rows.append(doc_of[hit])
            cols.append(columns[hit])
        for n in range(max(2, self.low), self.high + 1):
            m = len(tokens) - n + 1
            if m <= 0:
                continue
            roles = self.roles[n]
            candidate = roles[0][tokens[:m]]
            for k in range(1, n):
                candidate &= roles[k][tokens[k:k + m]]
            at = np.flatnonzero(candidate)
            index, columns, dtype = self.lookup[n]
            key = tokens[at].astype(dtype)
            for k in range(1, n):
                key *= self.base
                key += tokens[at + k]
            position = index.get_indexer(key)
            hit = position >= 0
            rows.append(doc_of[at[hit]])
            cols.append(columns[position[hit]])
        r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int32)
        c = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int32)
        # the counts: grouped by column (a counting sort; each column's rows come from one
        # n-gram order, so they are already in order), summed, then turned row-wise, which
        # leaves every row's columns sorted, as sklearn has them
        matrix = sp.csc_matrix((np.ones(len(r), dtype=np.int32), (r, c)), shape=(n_docs, self.shape1)).tocsr()
        matrix.data = matrix.data.astype(np.float64)
        return weigh(matrix, self.vectorizer)


class _TokenTable:
    """Global token id -> one vectorizer's local token ids (one for a word, one per syllable
    with syllables): lut_flat[lut_start[i]:lut_start[i] + lut_count[i]]."""

    def __init__(self, none: int, syllables: bool) -> None:
        self.none, self.syllables = none, syllables
        self.lut_start = np.zeros(1, dtype=np.int64)
        self.lut_count = np.ones(1, dtype=np.int64)
        self.lut_flat = np.array([none], dtype=np.int32)  # the separator (id 0): one "none" token

    def learn(self, ids: np.ndarray, local: np.ndarray, counts: np.ndarray) -> None:
        """The vectorizer's tokens of global token ids: *counts[i]* of the flat local ids
        *local* for ids[i] (one lower-cased word each, or its syllables)."""
        size = int(ids.max()) + 1
        if size > len(self.lut_start):
            size = max(size, 2 * len(self.lut_start))
            start, count = np.zeros(size, dtype=np.int64), np.zeros(size, dtype=np.int64)
            start[:len(self.lut_start)], count[:len(self.lut_count)] = self.lut_start, self.lut_count
            self.lut_start, self.lut_count = start, count
        self.lut_start[ids] = len(self.lut_flat) + np.cumsum(counts) - counts
        self.lut_count[ids] = counts
        self.lut_flat = np.concatenate((self.lut_flat, local))

    def local_tokens(self, heads: np.ndarray, doc_sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Local token ids of the concatenated heads (separators included), and per article
        how many of them are its own."""
        if not self.syllables:
            return self.lut_flat[self.lut_start[heads]], doc_sizes
        counts = self.lut_count[heads]
        ends = np.cumsum(counts)
        offsets = np.repeat(self.lut_start[heads] - (ends - counts), counts) + np.arange(ends[-1] if len(ends) else 0)
        bounds = np.concatenate(([0], ends))[np.cumsum(doc_sizes)]
        return self.lut_flat[offsets], np.diff(bounds, prepend=0)


def _named_parts(features) -> tuple[list[tuple[str, object]], dict]:
    """The (name, part) list and the weights of a FeatureUnion; a lone vectorizer as one part."""
    from sklearn.pipeline import FeatureUnion

    if isinstance(features, FeatureUnion):
        return features.transformer_list, features.transformer_weights or {}
    return [("", features)], {}


def supports_token_ids(features) -> bool:
    """Whether IdUnion can reproduce *features*: the checks it makes of each vectorizer,
    without building its vocabularies (a model loaded to score nothing never builds them)."""
    try:
        for _, part in _named_parts(features)[0]:
            for vectorizer in _vectorizers_of(part)[0]:
                _check_head_vectorizer(vectorizer)
    except ValueError:
        return False
    return True


class IdUnion:
    """The vocabularies of a fitted vectorizer or FeatureUnion, for transforms from token ids
    (``reader``); ValueError for features this path cannot reproduce."""

    def __init__(self, features) -> None:
        named, weights = _named_parts(features)
        # one IdTransform per vectorizer; a union part is parts[start:stop], its finish and weight
        self.parts: list[tuple[IdTransform, None]] = []
        self.blocks: list[tuple[int, int, object, float | None]] = []
        for name, part in named:
            vectorizers, finish = _vectorizers_of(part)
            start = len(self.parts)
            self.parts += [(IdTransform(v), None) for v in vectorizers]
            self.blocks.append((start, len(self.parts), finish, weights.get(name)))
        # the vectorizers that read words share one look-up of their tokens, and so do those
        # that read syllables: shared[kind] maps a token to a shared id, to_local[i] maps
        # shared ids to part i's local ids (the last shared id: a token none of them has)
        self.shared: dict[bool, dict[str, int]] = {}
        self.to_local: list[np.ndarray] = []
        for part, _ in self.parts:
            self.shared.setdefault(part.syllables, {}).update(dict.fromkeys(part.local))
        for kind, tokens in self.shared.items():
            self.shared[kind] = {token: i for i, token in enumerate(tokens)}
        for part, _ in self.parts:
            shared = self.shared[part.syllables]
            to_local = np.full(len(shared) + 1, part.none, dtype=np.int32)
            to_local[np.fromiter(map(shared.__getitem__, part.local), dtype=np.int64, count=len(part.local))] = \
                np.fromiter(part.local.values(), dtype=np.int32, count=len(part.local))
            self.to_local.append(to_local)

    def reader(self) -> "IdReader":
        """A transform for one token dictionary: told the text of ids, it maps arrays of them."""
        return IdReader(self)


def _syllables_of(text: str, n: int) -> tuple[list[str], np.ndarray]:
    """The syllables of *n* "\n"-separated lines (whitespace: only spaces and the newlines),
    flat, and how many each line has."""
    flat = text.split()
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    newlines = np.flatnonzero(codes == 10)
    if len(newlines) != n - 1:
        raise ValueError("a token text holds a line break")
    space = (codes == 32) | (codes == 10)
    starts = ~space
    starts[1:] &= space[:-1]  # a syllable starts after a space, a line break or the beginning
    before = np.concatenate(([0], np.cumsum(starts)))  # syllables starting before each position
    counts = np.diff(before[np.concatenate(([0], newlines, [len(codes)]))])
    if counts.sum() != len(flat):
        raise ValueError("a token text holds whitespace")
    return flat, counts


class IdReader:
    """The feature matrix of articles given as arrays of global token ids, once ``learn``
    was told the text of every id in the part of them the features read. What the
    vectorizers make of an id's text is worked out the first time an article holds it: the
    scoring processes forked after ``learn`` each do it for what they score, side by side,
    and a run over a few articles does it for their words only. Token ids name texts of one
    dictionary (one database): a reader belongs to that dictionary."""

    def __init__(self, union: IdUnion) -> None:
        self.union = union
        self.parts = [(part, part.new_table(), weight) for part, weight in union.parts]
        self.text_of: dict[int, str] = {}  # the texts told, by token id
        self.learned_through = 0  # the largest token id told
        self.mapped = np.zeros(1, dtype=bool)  # mapped[i]: the tables know token id i
        self.mapped[SEPARATOR_ID] = True
        self.longest = max(part.words if part.words else np.iinfo(np.int64).max for part, _, _ in self.parts)

    def learn(self, ids, tokens: list[str]) -> None:
        """The text of global token ids (as stored: one segmented word, syllables joined by "_")."""
        if len(ids) != len(tokens):
            raise ValueError("one text per id")
        if not len(ids):
            return
        low, high = (ids[0], ids[-1]) if isinstance(ids, range) and ids.step > 0 else (min(ids), max(ids))
        if low <= SEPARATOR_ID:
            raise ValueError("token ids start at 1")
        self.text_of.update(zip(ids, tokens))
        self.learned_through = max(self.learned_through, int(high))

    def map_all(self) -> None:
        """Work out now what the vectorizers make of every id told (before forking scoring
        processes: they inherit the work instead of each doing its share again)."""
        told = np.fromiter(self.text_of, dtype=np.int64, count=len(self.text_of))
        seen = told < len(self.mapped)
        seen[seen] = self.mapped[told[seen]]
        if not seen.all():
            self._map(np.sort(told[~seen]))

    def _map(self, ids: np.ndarray) -> None:
        """Teach the tables the vectorizers' tokens of these ids (their texts were told)."""
        from models.features import to_syllables

        try:
            tokens = list(map(self.text_of.__getitem__, ids.tolist()))
        except KeyError:
            raise KeyError(f"token ids whose text was not learned: {self.unknown_ids(ids)[:5].tolist()}") from None
        joined = "\n".join(tokens)  # a token holds no whitespace: "\n" only separates
        looked_up = {}
        for kind, shared in self.union.shared.items():
            if kind:  # syllables
                flat, counts = _syllables_of(to_syllables(joined), len(ids))
            else:
                flat = joined.lower().split("\n")
                if len(flat) != len(ids):
                    raise ValueError("a token text holds a line break")
                counts = np.ones(len(ids), dtype=np.int64)
            looked_up[kind] = (np.fromiter(map(shared.get, flat, repeat(len(shared))), dtype=np.int64,
                                           count=len(flat)), counts)
        for (part, table, _), to_local in zip(self.parts, self.union.to_local):
            shared_ids, counts = looked_up[part.syllables]
            table.learn(ids, to_local[shared_ids], counts)
        if ids.max() >= len(self.mapped):
            grown = np.zeros(max(int(ids.max()) + 1, 2 * len(self.mapped)), dtype=bool)
            grown[:len(self.mapped)] = self.mapped
            self.mapped = grown
        self.mapped[ids] = True

    def unknown_ids(self, ids: np.ndarray) -> np.ndarray:
        """The distinct ids of *ids* whose text was not told."""
        return np.array([i for i in np.unique(ids).tolist() if i != SEPARATOR_ID and i not in self.text_of],
                        dtype=np.int64)

    def unknown(self, docs: list[np.ndarray]) -> np.ndarray:
        """The distinct ids in the part of *docs* the features read whose text was not told."""
        return self.unknown_ids(np.concatenate([d[:self.longest] for d in docs] + [np.zeros(0, dtype=np.int64)]))

    def transform(self, docs: list[np.ndarray]) -> sp.csr_matrix:
        heads_by_length: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        separator = np.zeros(1, dtype=np.int64)
        blocks = []
        for part, table, _ in self.parts:
            if part.words not in heads_by_length:
                pieces = []
                for d in docs:
                    pieces.append(d[:part.words] if part.words else d)
                    pieces.append(separator)
                heads = np.concatenate(pieces) if pieces else separator[:0]
                if len(heads):
                    seen = heads < len(self.mapped)
                    seen[seen] = self.mapped[heads[seen]]
                    if not seen.all():  # ids met for the first time
                        self._map(np.unique(heads[~seen]))
                sizes = np.fromiter(map(len, pieces[0::2]), dtype=np.int64, count=len(docs)) + 1
                heads_by_length[part.words] = (heads, sizes)
            blocks.append(part.transform_heads(table, *heads_by_length[part.words]))
        return _assemble([(blocks[start:stop], finish, weight) for start, stop, finish, weight in self.union.blocks])
