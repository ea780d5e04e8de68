"""Ingest: files, pages and stdin -> Document (boilerplate removed, sentences with exact offsets), and
the sentences that address a model rather than a reader, found before any model sees them."""
