"""Text handling for claims: cleaning, normalising, segmenting, numbers, language."""
