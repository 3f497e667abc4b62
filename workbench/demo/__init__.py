"""Demo data shipped with the workbench: the seed article and an archive written for the demo."""
