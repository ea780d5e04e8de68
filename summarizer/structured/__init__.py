"""structured stage of the pipeline."""
