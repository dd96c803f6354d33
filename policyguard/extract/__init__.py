"""Extraction: parsed trees become the model. One module per format, plus what they share."""
