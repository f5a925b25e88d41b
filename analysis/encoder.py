"""A sentence encoder in plain numpy: texts in, one unit-length vector each.

It runs the pinned all-MiniLM-L6-v2 (a 6-layer BERT, 384 numbers a text,
mean-pooled as sentence-transformers does) with the ``tokenizers`` library
and the weights read through ``safetensors``: no torch, no network, the same
vectors on every machine to within float rounding. Texts are encoded in
batches of similar length, so padding costs little.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from safetensors.numpy import load as load_tensors
from scipy.special import erf
from tokenizers import Tokenizer

from analysis import weights

MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
BATCH = 32
LAYER_NORM_EPS = 1e-12
_SQRT_HALF = 0.7071067811865476


@dataclass(frozen=True)
class _Layer:
    qkv: np.ndarray  # (hidden, 3 * hidden): query, key and value in one product
    qkv_bias: np.ndarray
    attention_out: np.ndarray
    attention_out_bias: np.ndarray
    attention_norm: tuple[np.ndarray, np.ndarray]
    intermediate: np.ndarray
    intermediate_bias: np.ndarray
    output: np.ndarray
    output_bias: np.ndarray
    output_norm: tuple[np.ndarray, np.ndarray]


def _layer_norm(x: np.ndarray, norm: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(variance + LAYER_NORM_EPS) * norm[0] + norm[1]


def _gelu(x: np.ndarray) -> np.ndarray:
    # BERT's exact GELU (with erf), not the tanh approximation.
    return (0.5 * x * (1.0 + erf(x * np.float32(_SQRT_HALF)))).astype(np.float32, copy=False)


class Encoder:
    """Holds the weights once; ``encode`` is safe to call from several threads."""

    def __init__(self, tensors: dict[str, np.ndarray], tokenizer: Tokenizer, config: dict[str, int]) -> None:
        self.hidden = int(config["hidden_size"])
        self.heads = int(config["num_attention_heads"])
        self.tokenizer = tokenizer
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        t = {k.removeprefix("bert."): v.astype(np.float32) for k, v in tensors.items()}
        self.word = t["embeddings.word_embeddings.weight"]
        self.position = t["embeddings.position_embeddings.weight"]
        self.token_type = t["embeddings.token_type_embeddings.weight"][0]
        self.embedding_norm = (t["embeddings.LayerNorm.weight"], t["embeddings.LayerNorm.bias"])
        self.layers = [self._layer(t, f"encoder.layer.{i}.") for i in range(int(config["num_hidden_layers"]))]

    @staticmethod
    def _layer(t: dict[str, np.ndarray], p: str) -> _Layer:
        def dense(name: str) -> tuple[np.ndarray, np.ndarray]:
            # Stored as (out, in); kept transposed and contiguous for x @ W.
            return np.ascontiguousarray(t[p + name + ".weight"].T), t[p + name + ".bias"]

        parts = [dense(f"attention.self.{n}") for n in ("query", "key", "value")]
        attention_out, attention_out_bias = dense("attention.output.dense")
        intermediate, intermediate_bias = dense("intermediate.dense")
        output, output_bias = dense("output.dense")
        return _Layer(
            qkv=np.ascontiguousarray(np.concatenate([w for w, _ in parts], axis=1)),
            qkv_bias=np.concatenate([b for _, b in parts]),
            attention_out=attention_out,
            attention_out_bias=attention_out_bias,
            attention_norm=(
                t[p + "attention.output.LayerNorm.weight"],
                t[p + "attention.output.LayerNorm.bias"],
            ),
            intermediate=intermediate,
            intermediate_bias=intermediate_bias,
            output=output,
            output_bias=output_bias,
            output_norm=(t[p + "output.LayerNorm.weight"], t[p + "output.LayerNorm.bias"]),
        )

    @property
    def dimensions(self) -> int:
        return self.hidden

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        return [e.ids for e in self.tokenizer.encode_batch(list(texts))]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 vector per text, in the order given."""
        ids = self.token_ids(texts)
        out = np.zeros((len(ids), self.hidden), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), BATCH):
            chosen = order[start : start + BATCH]
            out[chosen] = self._encode_batch([ids[i] for i in chosen])
        return out

    def _encode_batch(self, batch: list[list[int]]) -> np.ndarray:
        width = max(len(ids) for ids in batch)
        token = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.float32)
        for row, ids in enumerate(batch):
            token[row, : len(ids)] = ids
            mask[row, : len(ids)] = 1.0
        x = self.word[token] + self.position[:width] + self.token_type
        x = _layer_norm(x, self.embedding_norm)
        # Padding may not be attended to: a large negative score before softmax.
        blocked = ((1.0 - mask) * -1e9)[:, None, None, :]
        for layer in self.layers:
            x = self._layer_forward(x, layer, blocked)
        pooled = (x * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1.0)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def _layer_forward(self, x: np.ndarray, layer: _Layer, blocked: np.ndarray) -> np.ndarray:
        rows, width, hidden = x.shape
        size = hidden // self.heads
        flat = x.reshape(rows * width, hidden)  # 2-D products go straight to BLAS
        qkv = (flat @ layer.qkv + layer.qkv_bias).reshape(rows, width, 3, self.heads, size)
        query, key, value = (np.ascontiguousarray(qkv[:, :, i].transpose(0, 2, 1, 3)) for i in range(3))
        scores = query @ np.ascontiguousarray(key.transpose(0, 1, 3, 2))
        scores = scores * np.float32(1.0 / np.sqrt(size)) + blocked
        scores -= scores.max(axis=-1, keepdims=True)
        probabilities = np.exp(scores)
        probabilities /= probabilities.sum(axis=-1, keepdims=True)
        context = (probabilities @ value).transpose(0, 2, 1, 3).reshape(rows * width, hidden)
        flat = _layer_norm(
            flat + context @ layer.attention_out + layer.attention_out_bias, layer.attention_norm
        )
        inner = _gelu(flat @ layer.intermediate + layer.intermediate_bias)
        flat = _layer_norm(flat + inner @ layer.output + layer.output_bias, layer.output_norm)
        return flat.reshape(rows, width, hidden)


_loading = threading.Lock()


@cache
def _load() -> Encoder:
    files = weights.read_verified(weights.MINILM)
    tokenizer = Tokenizer.from_str(files["tokenizer.json"].decode("utf-8"))
    config = json.loads(files["config.json"])
    return Encoder(load_tensors(files["model.safetensors"]), tokenizer, config)


def load() -> Encoder:
    """The pinned encoder, loaded and verified once per process.

    Raises ``weights.ModelUnavailable`` with a clear message when the weights
    are missing or altered."""
    with _loading:
        return _load()


_recent: OrderedDict[bytes, np.ndarray] = OrderedDict()
_recent_lock = threading.Lock()
RECENT = 10_000  # vectors kept, keyed by a hash of the text (the text itself is not kept)


def encode(texts: Sequence[str]) -> np.ndarray:
    """Texts to unit vectors (n, 384) with the pinned encoder. Texts seen lately
    (a recode of repeated answers, the demo's made-up history) are not encoded twice."""
    model = load()
    keys = [hashlib.sha256(t.encode("utf-8")).digest() for t in texts]
    out = np.zeros((len(texts), model.dimensions), dtype=np.float32)
    with _recent_lock:
        missing = [i for i, k in enumerate(keys) if k not in _recent]
        for i, k in enumerate(keys):
            if k in _recent:
                out[i] = _recent[k]
                _recent.move_to_end(k)
    if missing:
        fresh = model.encode([texts[i] for i in missing])
        out[missing] = fresh
        with _recent_lock:
            for row, i in enumerate(missing):
                _recent[keys[i]] = fresh[row]
            while len(_recent) > RECENT:
                _recent.popitem(last=False)
    return out
