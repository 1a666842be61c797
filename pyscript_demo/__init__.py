"""Python that runs both at build time (CPython) and in the reader's browser (Pyodide)."""
