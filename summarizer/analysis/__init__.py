"""analysis stage of the pipeline."""
