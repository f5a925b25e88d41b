"""The sentence encoder: the pinned weights, checked by hash, give the same
vectors as the reference implementation, and meaning decides nearness."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from analysis import encoder, weights

# The first eight numbers of each vector, recorded once from the reference
# implementation (sentence-transformers' mean pooling over Hugging Face's
# BertModel in PyTorch) on the same weights.
PINNED = {
    "I feel safe with my foster carers.": [
        -0.01779,
        -0.01693,
        0.02067,
        -0.00598,
        0.08284,
        -0.00303,
        -0.02377,
        -0.04055,
    ],
    "My carer hits me when I am naughty.": [
        -0.00413,
        -0.03604,
        0.03249,
        0.06553,
        -0.00697,
        -0.04354,
        0.08665,
        -0.02227,
    ],
    "He hurts me at home.": [0.06891, 0.00993, 0.03899, 0.00385, 0.06072, -0.02137, 0.04717, 0.01575],
    "I love playing football with my friends.": [
        -0.00089,
        0.00326,
        0.00559,
        -0.07242,
        0.04413,
        -0.00331,
        0.08204,
        0.0686,
    ],
}


def test_vectors_match_the_reference_implementation():
    vectors = encoder.encode(list(PINNED))
    assert vectors.shape == (4, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(vectors[:, :8], np.array(list(PINNED.values())), atol=2e-5)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_batching_and_order_do_not_change_a_vector():
    texts = ["short", "a much longer sentence about school and friends and my social worker", "he hits me"]
    together = encoder.encode(texts)
    alone = np.vstack([encoder.encode([t]) for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)


def test_close_paraphrases_are_nearer_than_unrelated_sentences():
    a, paraphrase, unrelated = encoder.encode(
        [
            "My stepdad hits me when mum is out.",
            "When my mother goes out her partner beats me.",
            "I like maths.",
        ]
    )
    assert float(a @ paraphrase) > float(a @ unrelated) + 0.2


def test_altered_weights_stop_with_a_clear_message():
    altered = dataclasses.replace(weights.MINILM, members=(("model.safetensors", "0" * 64),))
    with pytest.raises(weights.ModelUnavailable, match="not the pinned"):
        weights.read_verified(altered)


def test_a_missing_model_package_stops_with_a_clear_message():
    missing = dataclasses.replace(weights.MINILM, distribution="no-such-model-package")
    with pytest.raises(weights.ModelUnavailable, match="scripts/setup"):
        weights.archive_path(missing)


def test_another_version_of_the_package_is_refused():
    other = dataclasses.replace(weights.MINILM, version="9.9.9")
    with pytest.raises(weights.ModelUnavailable, match="measured with"):
        weights.archive_path(other)
