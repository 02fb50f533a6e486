"""dossier: research dossiers on executives, from a name and a few URLs."""

__version__ = "0.1.0"
