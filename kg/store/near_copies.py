"""Near-copies: documents that retell one story with a few words changed (a wire report run
by several outlets, a page saved twice with other navigation) are one source, not several.

Each document gets a MinHash signature (datasketch) of its word shingles and, from its
first values, band keys (locality-sensitive hashing): two documents whose shingle sets
overlap a lot share a band key with high probability. A store keeps each key as a
(:SignatureBand {key}) node the document HAS_BAND, so the candidates of a new document are
found by key lookups, not by a scan; the whole signature then estimates how much the texts
overlap. A document at
least SIMILARITY alike an earlier one is linked to it (NEAR_COPY_OF) and takes its story;
independent_sources counts stories.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from datasketch import MinHash

PERMUTATIONS = 64  # the signature's length: estimates within about +-0.06
BANDS, BAND_ROWS = 8, 2  # keys from the first 16 values: a pair 0.6 alike shares one with
# p ~ 0.97, a pair 0.2 alike with p ~ 0.28 (a candidate the signature then rules out)
SHINGLE_WORDS = 3
SIMILARITY = 0.6  # estimated Jaccard similarity of the shingle sets
SEED = 1  # fixed, so that signatures compare across runs and machines


def signature(text: str) -> list[int]:
    words = re.findall(r"\w+", text.casefold())
    shingles = {" ".join(words[i:i + SHINGLE_WORDS])
                for i in range(max(len(words) - SHINGLE_WORDS + 1, 1))}
    minhash = MinHash(num_perm=PERMUTATIONS, seed=SEED)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return [int(v) for v in minhash.hashvalues]


def band_keys(minhash: Sequence[int]) -> list[str]:
    return [f"{band}:" + hashlib.blake2b(
        b"".join(v.to_bytes(4, "little")
                 for v in minhash[band * BAND_ROWS:(band + 1) * BAND_ROWS]),
        digest_size=8).hexdigest() for band in range(BANDS)]


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    return sum(x == y for x, y in zip(a, b)) / len(a)


@dataclass(frozen=True)
class NearCopy:
    doc_id: str
    copy_of: str
    similarity: float


def link(documents: Sequence[dict[str, Any]], stored: Iterable[dict[str, Any]]) -> list[NearCopy]:
    """Give each of a batch's document rows (id, minhash, bands, story) the story of the
    document it is most alike, among the stored candidates (id, minhash, story) and the
    batch's earlier documents, where that one is at least SIMILARITY alike; returns the
    links to write."""
    earlier = list(stored)
    links = []
    for doc in documents:
        bands = set(doc["bands"])
        best = max(((similarity(doc["minhash"], other["minhash"]), other["id"], other)
                    for other in earlier if bands & set(other.get("bands") or bands)),
                   default=None, key=lambda found: (found[0], found[1]))
        if best is not None and best[0] >= SIMILARITY:
            doc["story"] = best[2]["story"]
            links.append(NearCopy(doc["id"], best[1], round(best[0], 3)))
        earlier.append(doc)
    return links
