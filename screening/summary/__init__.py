"""The clinician's summary: what it says (content), the PDF (pdf), the stored copy (store) and the worker that
renders it outside web requests (worker)."""
