"""The MkDocs adapter: the only part of ``resolutions`` that imports MkDocs."""
