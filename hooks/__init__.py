"""Build-time logic of the concept pages, wired into MkDocs as hooks."""
