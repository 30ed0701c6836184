"""A fake of Docling for the worker's tests (see README.md)."""
