"""Coding of free text and the aggregate figures.

Pure Python: knows nothing of Flask, SQLAlchemy or HTTP (architecture.md).
The coder arrives with the analysis issue; the package exists now so the
direction of dependencies is enforced from the first commit.
"""
