"""SHA-256 and BLAKE2b of short texts, without loading OpenSSL.

``import hashlib`` loads OpenSSL's libcrypto, 2-3 ms that every ``netcoach due`` paid although it
hashes only a few short strings (the data folder's path, a fingerprint of the model, the scan's
digest). These are the same standard digests, from Python's own small modules (hashlib's fallback
when there is no OpenSSL). A file's bytes go through :func:`file_sha256`: over 30,000 files on a cold
start OpenSSL is five times faster, so hashlib is imported there, on first use.
"""

from __future__ import annotations

from _blake2 import blake2b

try:
    from _sha2 import sha256 as _sha256  # type: ignore[import-not-found,unused-ignore]  # Python 3.12 on
except ImportError:
    try:
        from _sha256 import sha256 as _sha256  # type: ignore[import-not-found,no-redef,unused-ignore]
    except ImportError:  # pragma: no cover - a Python built without them
        from hashlib import sha256 as _sha256  # type: ignore[assignment,unused-ignore]

__all__ = ["blake2b", "file_sha256", "sha256_hex"]


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of a short text, in hex (as ``hashlib.sha256(data).hexdigest()``)."""
    return str(_sha256(data).hexdigest())


def file_sha256(data: bytes) -> str:
    """The SHA-256 of a file's bytes, in hex, by OpenSSL (imported on the first call)."""
    import hashlib

    return hashlib.sha256(data).hexdigest()
