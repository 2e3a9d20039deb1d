"""Character n-grams for Chinese full-text search (no word segmentation, no Django).

Chinese has no spaces between words, and any segmenter (jieba ...) splits some texts so that a
query that *is* a substring of them is not one of their words, and the document is missed. We
index characters instead:

- every character (unigram) answers one-character queries;
- every pair of neighbouring characters (bigram) answers longer ones: a query of n >= 2
  characters matches exactly the texts where its n-1 bigrams stand one after another, i.e. the
  texts that contain it as a substring. Recall is that of a plain substring search.

Text and queries go through the same ``normalise`` first: a one-to-one character mapping (so
offsets in the normalised text are offsets in the original, which the highlighter relies on)
that folds Latin case and full-width ASCII (ＡＢＣ１２３ → abc123) and turns every kind of space
into one ``SEP`` sentinel, which no query contains, so no bigram spans a line break.
"""

from __future__ import annotations

import operator
import re

SEP = "\x01"

# Full-width ASCII block FF01–FF5E maps to 21–7E; ideographic space to a space.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20
_FOLD.update({cp: cp + 32 for cp in range(ord("A"), ord("Z") + 1)})
_FOLD_TABLE = str.maketrans({k: chr(v) for k, v in _FOLD.items()})
# Upper-case letters that appear only after folding full-width ones (Ａ → A → a).
_FOLD_TABLE.update({0xFF21 + i: ord("a") + i for i in range(26)})
_SPACE = re.compile(r"\s")


def normalise(text: str) -> str:
    """Case- and width-folded text of the same length; whitespace becomes ``SEP``."""
    return _SPACE.sub(SEP, (text or "").translate(_FOLD_TABLE))


def bigrams(norm: str) -> list[str]:
    """Every pair of neighbouring characters, position i holding norm[i:i+2]."""
    return list(map(operator.add, norm, norm[1:]))


def unigram_string(norm: str) -> str:
    """The characters of a normalised text as space-separated tokens (SEP left out)."""
    return " ".join(c for c in norm if c != SEP)


def bigram_string(norm: str) -> str:
    """Bigrams as space-separated tokens, for a whitespace tokenizer: token k = norm[k:k+2].

    Bigrams that touch ``SEP`` stay in (as tokens no query produces) so positions equal offsets.
    """
    return " ".join(map(operator.add, norm, norm[1:]))


def gram_string(norm: str, n: int) -> str:
    """Every n characters in a row, space-separated (grams touching SEP stay, never queried)."""
    return " ".join(map("".join, zip(*(norm[k:] for k in range(n)), strict=False)))


def query_terms(q: str) -> list[str]:
    """The words of a query (split on spaces), normalised, duplicates dropped, order kept."""
    words = [w for w in normalise(q).split(SEP) if w]
    return list(dict.fromkeys(words))


def contains(norm_text: str, term: str) -> bool:
    """The reference matcher the indexes must agree with: a plain substring test."""
    return term in norm_text
