"""evaluation stage of the pipeline."""
